package service

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"

	"vaultbar/backend/model"
	"vaultbar/backend/store"
)

// Explain turns an error from this package into a sentence saying what went
// wrong and a hint saying what to do, for the CLI's "error:" and "hint:"
// lines and the app's alerts. Hints name no screen or command unless both
// the app and the CLI have it; callers may add their own.
func Explain(err error) (message, hint string) {
	if err == nil {
		return "", ""
	}
	for _, x := range explainers {
		if m, h, ok := x(err); ok {
			return m, h
		}
	}
	return err.Error(), ""
}

var explainers = []func(error) (string, string, bool){
	explainPassword, explainVaultState, explainDamaged, explainFile, explainExportWrite, explainDisk, explainImport, explainLookup,
}

func explainPassword(err error) (string, string, bool) {
	switch {
	case errors.As(err, new(*store.UnconfirmedError)):
		return "the login password is not right", "check Caps Lock and the keyboard layout, and try again; no backup can confirm it, so if you are sure it is right, the vault file's key may be damaged: keep the vault folder as it is", true
	case errors.Is(err, store.ErrWrongPassword):
		return "the login password is not right", "check Caps Lock and the keyboard layout, and try again", true
	case errors.Is(err, ErrEmptyPassword):
		return "the password is empty", "type a password; a long passphrase is easiest to remember", true
	}
	return "", "", false
}

func explainVaultState(err error) (string, string, bool) {
	switch {
	case errors.Is(err, store.ErrLocked):
		return "the vault is open in another Vaultbar process",
			"quit the other Vaultbar (the app, or a vaultbar command still running) and try again", true
	case errors.Is(err, ErrNewerVersion):
		return "the vault was saved by a newer version of Vaultbar", "update Vaultbar to open it", true
	case errors.Is(err, ErrNoVault):
		return "there is no vault here yet", "create one with `vaultbar init` or by opening the Vaultbar app", true
	case errors.Is(err, ErrVaultExists):
		return "a vault already exists here", "unlock it with its login password; to start over, move its folder away first", true
	case errors.Is(err, ErrVaultLocked):
		return "the vault is locked", "unlock it with the login password", true
	}
	return "", "", false
}

func explainDamaged(err error) (string, string, bool) {
	var d *DamagedError
	if !errors.As(err, &d) {
		return "", "", false
	}
	msg := "the vault is damaged: " + d.Err.Error()
	var ce *store.CorruptError
	if errors.As(d.Err, &ce) {
		msg = fmt.Sprintf("the vault file %s is damaged (%v)", ce.Path, ce.Err)
	}
	if d.Recovery == nil {
		return msg, "no copy of the vault opens with this password; keep the vault folder as it is and contact support", true
	}
	return msg, "it can be rebuilt from every copy that is still intact: " + d.Recovery.Summary, true
}

// explainFile names the file and the real cause when a vault file can't be
// used: a folder in its place, or permissions.
func explainFile(err error) (string, string, bool) {
	var fe *store.FileError
	if !errors.As(err, &fe) {
		return "", "", false
	}
	if errors.Is(fe, store.ErrNotAFolder) {
		return fmt.Sprintf("%s is a file where Vaultbar keeps a folder", fe.Path),
			"move it out of the vault folder (Vaultbar never deletes it), then try again", true
	}
	if errors.Is(fe, store.ErrNotAFile) {
		return fmt.Sprintf("%s is a folder (or another non-file) where Vaultbar keeps a file", fe.Path),
			"move it out of the vault folder (Vaultbar never deletes it), then try again", true
	}
	return fmt.Sprintf("permission denied: this user may not read or write %s", fe.Path),
		"give your user read and write access to it (for example `chmod u+rwX` on it), then try again", true
}

func explainDisk(err error) (string, string, bool) {
	switch {
	case errors.Is(err, store.ErrDiskFull), errors.Is(err, syscall.ENOSPC):
		return "the disk is full, so the change could not be saved", "free some disk space and try again", true
	case errors.Is(err, store.ErrReadOnly), errors.Is(err, syscall.EROFS), errors.Is(err, fs.ErrPermission):
		return "the vault's folder can't be written to",
			"make the folder writable (check its permissions, and that the disk is not read-only), or set VAULTBAR_HOME to another folder", true
	}
	return "", "", false
}

func explainLookup(err error) (string, string, bool) {
	var amb *model.AmbiguousError
	var inv *model.InvalidError
	switch {
	case errors.As(err, &inv):
		return inv.Msg, inv.Hint, true
	case errors.As(err, &amb):
		return fmt.Sprintf("%q matches %d records: %s", amb.Query, len(amb.Matches), strings.Join(amb.Matches, "; ")),
			"use more of the name, or the record's id", true
	case errors.Is(err, model.ErrNotFound):
		return trimSentinel(err, model.ErrNotFound), "check the spelling; names ignore case", true
	case errors.Is(err, model.ErrDuplicate):
		return err.Error(), "choose another name", true
	case errors.Is(err, model.ErrInvalid):
		return trimSentinel(err, model.ErrInvalid), "correct the input and try again", true
	}
	return "", "", false
}

// trimSentinel drops the sentinel's trailing ": not found" or ": invalid"
// where the message already says so ("no record named ...", "a record needs
// a name"), so it reads as a sentence.
func trimSentinel(err, sentinel error) string {
	m := err.Error()
	t := strings.TrimSuffix(m, ": "+sentinel.Error())
	if sentinel == model.ErrNotFound && !strings.HasPrefix(t, "no ") {
		return m
	}
	return t
}
