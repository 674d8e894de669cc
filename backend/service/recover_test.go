package service

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"vaultbar/backend/model"
	"vaultbar/internal/disktest"
)

// sessions adds five records and edits two, locking between edits as the
// CLI does, and returns each record's expected username.
func sessions(t *testing.T, s *VaultService) map[string]string {
	t.Helper()
	want := map[string]string{}
	for i := range 5 {
		name := fmt.Sprint("Site ", i)
		addLogin(t, s, name, fmt.Sprint("user", i))
		want[name] = fmt.Sprint("user", i)
		s.Lock()
		if err := s.Unlock(pw); err != nil {
			t.Fatal(err)
		}
	}
	for _, i := range []int{1, 3} {
		name := fmt.Sprint("Site ", i)
		r, _ := s.Find(name)
		if _, err := s.UpdateRecord(r.ID, model.RecordPatch{Fields: map[string]string{"username": "edited"}}); err != nil {
			t.Fatal(err)
		}
		want[name] = "edited"
		s.Lock()
		if err := s.Unlock(pw); err != nil {
			t.Fatal(err)
		}
	}
	s.Lock()
	return want
}

func wantUsers(t *testing.T, s *VaultService, want map[string]string) {
	t.Helper()
	for name, user := range want {
		r, err := s.Find(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, f := range r.Fields {
			if f.Label == "Username" && f.Value != user {
				t.Errorf("%s: username %q, want %q", name, f.Value, user)
			}
			if f.Label == "Password" && f.Value != "pw-"+name {
				t.Errorf("%s: password %q", name, f.Value)
			}
		}
	}
}

// keptAll fails if the content of a file in before is nowhere in after.
func keptAll(t *testing.T, before, after map[string]string) {
	t.Helper()
	have := map[string]bool{}
	for _, h := range after {
		have[h] = true
	}
	for p, h := range before {
		if !have[h] {
			t.Errorf("the content of %s is gone", p)
		}
	}
}

func TestRecoverThroughTheService(t *testing.T) {
	for name, damage := range map[string]func(dir string){
		"flipped vault.vbv": func(dir string) { flipAt(t, filepath.Join(dir, "vault.vbv")) },
		"missing vault.vbv": func(dir string) { os.Remove(filepath.Join(dir, "vault.vbv")) },
	} {
		t.Run(name, func(t *testing.T) {
			s := created(t)
			want := sessions(t, s)
			dir := vaultDir(s.home)
			damage(dir)
			before := disktest.Snapshot(t, dir, "vault.lock")
			var d *DamagedError
			if err := s.Unlock(pw); !errors.As(err, &d) || d.Recovery == nil || d.Recovery.Summary == "" {
				t.Fatalf("Unlock = %v, want a DamagedError with a recovery plan", err)
			}
			if !s.Exists() {
				t.Fatal("a vault with only backups does not exist")
			}
			if err := s.Create(pw); !errors.Is(err, ErrVaultExists) {
				t.Fatalf("Create over a damaged vault: %v", err)
			}
			if r, err := s.Recover(pw, true); err != nil || !r.Damaged || !s.Locked() {
				t.Fatalf("dry run: %+v, %v", r, err)
			}
			if d := disktest.Diff(before, disktest.Snapshot(t, dir, "vault.lock")); d != "" {
				t.Fatalf("opening, creating or a dry run changed files:\n%s", d)
			}
			r, err := s.Recover(pw, false)
			if err != nil || len(r.Missing) != 0 || s.Locked() {
				t.Fatalf("recover: %+v, %v", r, err)
			}
			keptAll(t, before, disktest.Snapshot(t, dir, "vault.lock"))
			wantUsers(t, s, want)
			ents := s.vault.Entities()
			if len(s.vault.Dirty()) != len(ents) {
				t.Fatalf("%d of %d entities to publish after recovery", len(s.vault.Dirty()), len(ents))
			}
		})
	}
}

func flipAt(t *testing.T, path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0x08
	os.WriteFile(path, b, 0o600)
}

func TestSetAsideKeepsTheOldVault(t *testing.T) {
	s := created(t)
	want := sessions(t, s)
	dir := vaultDir(s.home)
	before := disktest.Snapshot(t, dir, "vault.lock")
	old, err := s.SetAside()
	if err != nil || s.Exists() {
		t.Fatalf("SetAside: %v, exists %v", err, s.Exists())
	}
	after := disktest.Snapshot(t, dir, "vault.lock")
	keptAll(t, before, after)
	if err := s.Create(pw); err != nil {
		t.Fatal(err)
	}
	s.Lock()
	moved := newService(t, t.TempDir())
	os.Rename(old, vaultDir(moved.home))
	if err := moved.Unlock(pw); err != nil {
		t.Fatal(err)
	}
	defer moved.Lock()
	wantUsers(t, moved, want)
}

// Issue 9, case 8, through the service: after a password change, a copy of
// the old vault.vbv with the old password opens nothing saved afterwards.
func TestOldCopyAndOldPasswordOpenNothingNew(t *testing.T) {
	s := created(t)
	sessions(t, s)
	dir := vaultDir(s.home)
	oldCopy, _ := os.ReadFile(filepath.Join(dir, "vault.vbv"))
	if err := s.Unlock(pw); err != nil {
		t.Fatal(err)
	}
	newPw := []byte("a different passphrase")
	if err := s.ChangePassword(pw, newPw); err != nil {
		t.Fatal(err)
	}
	addLogin(t, s, "After", "secret-after")
	s.Lock()
	s.Unlock(newPw) // compacts: a backup and a retired journal under the new key
	addLogin(t, s, "Later", "secret-later")
	s.Lock()

	// An attacker with the old copy and the old password, and every file
	// written since.
	thief := newService(t, t.TempDir())
	tdir := vaultDir(thief.home)
	os.MkdirAll(filepath.Join(tdir, "backups"), 0o700)
	for rel := range disktest.Snapshot(t, dir, "vault.lock") {
		b, _ := os.ReadFile(filepath.Join(dir, rel))
		os.WriteFile(filepath.Join(tdir, rel), b, 0o600)
	}
	os.WriteFile(filepath.Join(tdir, "vault.vbv"), oldCopy, 0o600)
	if _, err := thief.Recover(pw, false); err != nil && !errors.Is(err, ErrWrongPassword) {
		t.Fatal(err)
	}
	if thief.Locked() {
		return // nothing opened at all
	}
	defer thief.Lock()
	for _, name := range []string{"After", "Later"} {
		if _, err := thief.Find(name); err == nil {
			t.Errorf("the old password and an old copy open %q, saved after the change", name)
		}
	}
}

// A dry run, or a recovery with nothing to do, leaves an unlocked vault
// unlocked.
func TestRecoverOfAHealthyVaultKeepsItUnlocked(t *testing.T) {
	s := created(t)
	addLogin(t, s, "GitHub", "alice")
	for _, dry := range []bool{true, false} {
		r, err := s.Recover(pw, dry)
		if err != nil || r.Damaged || s.Locked() {
			t.Fatalf("dry %v: %+v, %v, locked %v", dry, r, err, s.Locked())
		}
	}
	wantUsers(t, s, map[string]string{"GitHub": "alice"})
}
