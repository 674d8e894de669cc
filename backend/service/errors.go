package service

import (
	"errors"
	"fmt"
	"time"

	"vaultbar/backend/format"
	"vaultbar/backend/store"
)

// Errors callers branch on. Errors from model (ErrNotFound, ErrInvalid,
// ErrDuplicate, *AmbiguousError) and store (ErrWrongPassword, ErrLocked,
// ErrNewerVersion, *CorruptError) pass through wrapped, so errors.Is and
// errors.As see them too.
var (
	ErrVaultLocked   = errors.New("the vault is locked")
	ErrNoVault       = errors.New("there is no vault yet")
	ErrVaultExists   = errors.New("a vault already exists")
	ErrEmptyPassword = errors.New("the password is empty")
)

// The store's errors callers branch on, under this package's names so the
// app and the CLI need import only this package.
var (
	ErrWrongPassword = store.ErrWrongPassword // the login password is not right
	ErrInUse         = store.ErrLocked        // another process has the vault open
	ErrNewerVersion  = format.ErrNewerVersion // the vault needs a newer Vaultbar
)

// errDamagedLocal is the device state inside a vault that decrypted but
// does not parse: damage the store's checks could not see.
var errDamagedLocal = errors.New("device state is damaged")

// DamagedError is a vault that could not be read because its files are
// damaged. Recovery says what Recover would rebuild from the copies that
// are still intact (nil if none opens); Newest names the newest backup.
type DamagedError struct {
	Err      error
	Newest   *Backup
	Recovery *Recovery
}

func (e *DamagedError) Error() string { return fmt.Sprintf("vault is damaged: %v", e.Err) }

func (e *DamagedError) Unwrap() error { return e.Err }

// Backup is one saved copy of the vault file that RestoreBackup can bring
// back.
type Backup struct {
	Name string    `json:"name"`
	Time time.Time `json:"time"`
	Size int64     `json:"size"`
}
