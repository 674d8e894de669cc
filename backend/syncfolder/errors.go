package syncfolder

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
)

// ErrUnavailable marks a failure to read or write the sync folder itself
// (its permissions, a disk or share gone), so that callers explain it as a
// problem of the sync folder, not of the vault's folder: both would
// otherwise be a bare "permission denied".
var ErrUnavailable = errors.New("the sync folder can't be read or written")

// FolderError is an error of the sync folder. Path is the file or folder
// that failed, absolute, and never a temp file (which is gone by then): the
// place to fix. Its message and causes are Err's; it is also ErrUnavailable.
type FolderError struct {
	Path string
	Err  error
}

func (e *FolderError) Error() string   { return e.Err.Error() }
func (e *FolderError) Unwrap() []error { return []error{e.Err, ErrUnavailable} }

// unavailable marks err, if any, as an error of the sync folder; a path in
// it that is relative is relative to dir.
func unavailable(dir string, err error) error {
	if err == nil {
		return nil
	}
	fe := &FolderError{Path: dir, Err: err}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		p := pe.Path
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		if strings.HasPrefix(filepath.Base(p), TempPrefix) {
			p = filepath.Dir(p)
		}
		fe.Path = p
	}
	return fe
}
