package store

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// Errors callers branch on.
var (
	ErrWrongPassword = errors.New("wrong password")
	ErrLocked        = errors.New("another Vaultbar is using this vault; quit it first")
	ErrExists        = errors.New("a vault already exists here")
	ErrNoVault       = errors.New("no vault here")
	ErrDiskFull      = errors.New("the disk is full; free some space and try again")
	ErrReadOnly      = errors.New("the vault folder is read-only; make it writable and try again")
	ErrClosed        = errors.New("the vault is closed")
)

// CorruptError is a vault file that can't be read. Recovery, when set, is
// what Recover would rebuild from the copies that still authenticate (none
// of which Open changes). Backup names the newest backup that opens with the
// password the user gave, if any.
type CorruptError struct {
	Path       string    // the damaged file
	Err        error     // what is wrong; wraps format.ErrCorrupt or format.ErrTruncated
	Recovery   *Report   // what `vaultbar recover` would do; nil if nothing opens
	Backup     string    // e.g. "backups/vault-20261124-101500.vbv"; "" if none opens
	BackupTime time.Time // when that backup was made
}

func (e *CorruptError) Error() string {
	msg := fmt.Sprintf("%s is damaged (%v)", e.Path, e.Err)
	if e.Recovery == nil {
		return msg + "; no copy of the vault opens with this password"
	}
	return fmt.Sprintf("%s; recovery would use every intact copy: %s", msg, e.Recovery)
}

func (e *CorruptError) Unwrap() error { return e.Err }

// UnconfirmedError is a wrong password that could also be a damaged key:
// vault.vbv's key did not unwrap, and no other copy of the vault opened to
// tell which. It matches ErrWrongPassword.
type UnconfirmedError struct{ Path string }

func (e *UnconfirmedError) Error() string {
	return fmt.Sprintf("%v, or the key in %s is damaged (no other copy of the vault opens to tell)", ErrWrongPassword, e.Path)
}

func (e *UnconfirmedError) Unwrap() error { return ErrWrongPassword }

// FileError is a vault file or folder Vaultbar can't use for a reason a
// person can fix: a folder where a file belongs (ErrNotAFile) or the other
// way round (ErrNotAFolder), or permissions that deny reading or writing
// it (ErrNoAccess).
type FileError struct {
	Path string // the file or folder
	Err  error  // ErrNotAFile or ErrNoAccess, wrapping the system's error
}

func (e *FileError) Error() string { return fmt.Sprintf("%s: %v", e.Path, e.Err) }
func (e *FileError) Unwrap() error { return e.Err }

// The causes a FileError names.
var (
	ErrNotAFile   = errors.New("a folder is where a file belongs")
	ErrNotAFolder = errors.New("a file is where a folder belongs")
	ErrNoAccess   = errors.New("permission denied")
)

// fileErr classifies an error from reading path: a folder in a file's place
// (or a link that loops) or a permission problem becomes a *FileError
// naming what to fix; anything else is wrapped with what was being done.
func fileErr(what, path string, err error) error {
	switch {
	case errors.Is(err, syscall.EISDIR), errors.Is(err, syscall.ELOOP):
		return &FileError{Path: path, Err: fmt.Errorf("%w: %w", ErrNotAFile, err)}
	case errors.Is(err, syscall.ENOTDIR):
		return &FileError{Path: path, Err: fmt.Errorf("%w: %w", ErrNotAFolder, err)}
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM):
		return &FileError{Path: blockedBy(path), Err: fmt.Errorf("%w: %w", ErrNoAccess, err)}
	}
	return fmt.Errorf("%s: %w", what, err)
}

// readFile reads a vault file. A folder in its place is an error even where
// reading one happens to work (some systems let read(2) return a folder's
// entries).
func readFile(what, path string) ([]byte, error) {
	if err := check("read", path); err != nil {
		return nil, fileErr(what, path, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fileErr(what, path, err)
	}
	if !info.Mode().IsRegular() {
		return nil, &FileError{Path: path, Err: ErrNotAFile}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fileErr(what, path, err)
	}
	return b, nil
}

// fsErr says what failed, and for the failures a person can fix (a full
// disk, a read-only folder) says how, keeping the system error for detail.
func fsErr(what string, err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return fmt.Errorf("%s: %w: %w", what, ErrDiskFull, err)
	case readOnly(err):
		return fmt.Errorf("%s: %w: %w", what, ErrReadOnly, err)
	}
	return fmt.Errorf("%s: %w", what, err)
}

func readOnly(err error) bool {
	return errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM)
}
