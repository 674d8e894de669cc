package store

import (
	"errors"
	"fmt"
	"path/filepath"
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

// CorruptError is a vault file that can't be read. It names the newest
// backup that opens with the password the user gave, if any, and how to
// restore it.
type CorruptError struct {
	Path       string    // the damaged file
	Err        error     // what is wrong; wraps format.ErrCorrupt or format.ErrTruncated
	Backup     string    // e.g. "backups/vault-20261124-101500.vbv"; "" if none opens
	BackupTime time.Time // when that backup was made
}

func (e *CorruptError) Error() string {
	msg := fmt.Sprintf("%s is damaged (%v)", e.Path, e.Err)
	if e.Backup == "" {
		return msg + "; no backup opens with this password"
	}
	return fmt.Sprintf("%s; the newest good backup is %s from %s; restore it with `vaultbar backup restore %s`",
		msg, e.Backup, e.BackupTime.Local().Format("2006-01-02 15:04"), filepath.Base(e.Backup))
}

func (e *CorruptError) Unwrap() error { return e.Err }

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
