package syncfolder

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrOutsideFolder means a folder inside the sync folder is a link to a
// place outside it. Vaultbar never writes through one: whoever can write the
// sync folder could otherwise make it write anywhere this user can.
var ErrOutsideFolder = errors.New("a folder inside the sync folder is a link to a place outside it")

// WriteAtomic writes data to path so that no reader, local or through a sync
// service, ever sees part of it under its real name. It trusts every folder
// on the way; the engine writes with Folder.Write, which does not.
func WriteAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating the sync folder: %w", err)
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("writing %s: %w", filepath.Base(path), err)
	}
	defer r.Close()
	return writeIn(r, filepath.Base(path), data)
}

// Write writes data atomically to path, which must lie inside the sync
// folder: every step goes through an os.Root, so a folder replaced by a
// symbolic link to somewhere else stops the write with ErrOutsideFolder
// instead of following it.
func (f *Folder) Write(path string, data []byte) error {
	return unavailable(f.Root, f.write(path, data))
}

func (f *Folder) write(path string, data []byte) error {
	rel, err := f.rel(path)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(f.Root, 0o700); err != nil {
		return fmt.Errorf("creating the sync folder: %w", err)
	}
	r, err := os.OpenRoot(f.Root)
	if err != nil {
		return fmt.Errorf("opening the sync folder: %w", err)
	}
	defer r.Close()
	if err := r.MkdirAll(filepath.Dir(rel), 0o700); err != nil {
		return f.outside(rel, fmt.Errorf("creating %s: %w", filepath.Dir(rel), err))
	}
	return f.outside(rel, writeIn(r, rel, data))
}

// writeIn is the atomic write inside r: a temp file with TempPrefix in the
// same folder, fsync, rename, fsync the folder.
func writeIn(r *os.Root, rel string, data []byte) (err error) {
	tmp := filepath.Join(filepath.Dir(rel), TempPrefix+randomSuffix())
	t, err := r.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("writing %s: %w", filepath.Base(rel), err)
	}
	defer func() {
		if err != nil {
			t.Close()
			r.Remove(tmp)
		}
	}()
	if _, err := t.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", filepath.Base(rel), err)
	}
	if err := t.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", filepath.Base(rel), err)
	}
	if err := t.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", filepath.Base(rel), err)
	}
	if err := r.Rename(tmp, rel); err != nil {
		return fmt.Errorf("writing %s: %w", filepath.Base(rel), err)
	}
	syncDir(r, filepath.Dir(rel))
	return nil
}

func randomSuffix() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// syncDir makes a rename durable. Some file systems (network shares) can't
// fsync a folder; the rename has still happened, so that is not an error.
func syncDir(r *os.Root, dir string) {
	d, err := r.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}

// rel is path relative to the sync folder; a path outside it is refused.
func (f *Folder) rel(path string) (string, error) {
	rel, err := filepath.Rel(f.Root, path)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") || filepath.IsAbs(rel) {
		return "", fmt.Errorf("%s: %w", path, ErrOutsideFolder)
	}
	return rel, nil
}

// outside names the linked folder when err came from one on the way to rel,
// so the person is told what to fix rather than os.Root's wording.
func (f *Folder) outside(rel string, err error) error {
	if err == nil {
		return nil
	}
	p := f.Root
	for _, part := range strings.Split(filepath.Dir(rel), string(filepath.Separator)) {
		p = filepath.Join(p, part)
		if fi, lerr := os.Lstat(p); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			r, _ := filepath.Rel(f.Root, p)
			return fmt.Errorf("%s: %w", r, ErrOutsideFolder)
		}
	}
	return err
}
