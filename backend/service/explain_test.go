package service

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"vaultbar/backend/model"
	"vaultbar/backend/store"
)

func TestExplain(t *testing.T) {
	tests := []struct {
		err       error
		msg, hint string
	}{
		{fmt.Errorf("open the vault: %w", ErrWrongPassword), "login password is not right", "Caps Lock"},
		{fmt.Errorf("open: %w", ErrInUse), "another Vaultbar process", "quit the other"},
		{fmt.Errorf("open: %w", ErrNewerVersion), "newer version", "update Vaultbar"},
		{&DamagedError{Err: fmt.Errorf("bad frame"), Newest: &Backup{Name: "vault-20260101.vbv", Time: time.Now()},
			Recovery: &Recovery{Summary: "3 records from vault.vbj"}}, "damaged: bad frame", "rebuilt from every copy that is still intact: 3 records from vault.vbj"},
		{&DamagedError{Err: fmt.Errorf("bad frame")}, "damaged", "no copy of the vault opens"},
		{fmt.Errorf("open: %w", &store.FileError{Path: "/v/vault.vbj", Err: fmt.Errorf("%w: %w", store.ErrNotAFile, syscall.EISDIR)}), "/v/vault.vbj is a folder", "move it out"},
		{fmt.Errorf("open: %w", &store.FileError{Path: "/v/backups", Err: fmt.Errorf("%w: %w", store.ErrNoAccess, syscall.EACCES)}), "permission denied: this user may not read or write /v/backups", "chmod"},
		{fmt.Errorf("save the vault: %w", syscall.ENOSPC), "disk is full", "free some disk space"},
		{fmt.Errorf("save the vault: %w", syscall.EROFS), "can't be written", "writable"},
		{fmt.Errorf("no record named %q: %w", "x", model.ErrNotFound), `no record named "x"`, "spelling"},
		{&model.AmbiguousError{Query: "git", Matches: []string{"GitHub (Login, id 1)", "GitLab (Login, id 2)"}}, "GitHub (Login, id 1); GitLab", "more of the name"},
		{fmt.Errorf("a record needs a name: %w", model.ErrInvalid), "a record needs a name", "correct"},
		{ErrVaultLocked, "locked", "unlock"},
	}
	for _, tt := range tests {
		msg, hint := Explain(tt.err)
		if !strings.Contains(msg, tt.msg) || !strings.Contains(hint, tt.hint) {
			t.Errorf("Explain(%v) = %q, %q; want %q and %q", tt.err, msg, hint, tt.msg, tt.hint)
		}
		if msg != strings.ToLower(msg[:1])+msg[1:] {
			t.Errorf("message %q starts with a capital", msg)
		}
	}
}
