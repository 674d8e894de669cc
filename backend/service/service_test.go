package service

import (
	"errors"
	"path/filepath"
	"testing"

	"vaultbar/backend/model"
)

var pw = []byte("correct horse battery staple")

func newService(t *testing.T, home string) *VaultService {
	t.Helper()
	s := New(home)
	s.testKDF = lightKDF
	return s
}

// created returns an unlocked new vault in a temp home, locked at cleanup.
func created(t *testing.T) *VaultService {
	t.Helper()
	s := newService(t, t.TempDir())
	if err := s.Create(pw); err != nil {
		t.Fatalf("Create: %v", err)
	}
	t.Cleanup(s.Lock)
	return s
}

func addLogin(t *testing.T, s *VaultService, name, user string) model.Record {
	t.Helper()
	r, err := s.AddRecord(model.RecordInput{Type: "login", Name: name, Fields: map[string]string{"username": user, "password": "pw-" + name}})
	if err != nil {
		t.Fatalf("AddRecord(%s): %v", name, err)
	}
	return r
}

func TestCreateUnlockLock(t *testing.T) {
	s := created(t)
	if s.Locked() || !s.Exists() || s.DeviceID() == "" {
		t.Fatalf("after Create: locked=%v exists=%v device=%q", s.Locked(), s.Exists(), s.DeviceID())
	}
	addLogin(t, s, "GitHub", "alice")
	s.Lock()
	if !s.Locked() {
		t.Fatal("still unlocked after Lock")
	}
	if _, err := s.List(model.Filter{}); !errors.Is(err, ErrVaultLocked) {
		t.Fatalf("List while locked: %v, want ErrVaultLocked", err)
	}
	if _, err := s.AddRecord(model.RecordInput{Type: "login", Name: "x"}); !errors.Is(err, ErrVaultLocked) {
		t.Fatalf("AddRecord while locked: %v, want ErrVaultLocked", err)
	}
	if err := s.Unlock([]byte("wrong")); !errors.Is(err, ErrWrongPassword) {
		t.Fatalf("Unlock(wrong) = %v, want ErrWrongPassword", err)
	}
	if err := s.Unlock(pw); err != nil {
		t.Fatalf("Unlock: %v", err)
	}
	r, err := s.Find("github")
	if err != nil || r.Fields[0].Value != "alice" {
		t.Fatalf("Find after unlock = %+v, %v", r, err)
	}
}

func TestCreateTwiceAndMissing(t *testing.T) {
	s := created(t)
	if err := s.Create(pw); !errors.Is(err, ErrVaultExists) {
		t.Fatalf("second Create = %v, want ErrVaultExists", err)
	}
	empty := newService(t, t.TempDir())
	if empty.Exists() {
		t.Fatal("Exists in an empty home")
	}
	if err := empty.Unlock(pw); !errors.Is(err, ErrNoVault) {
		t.Fatalf("Unlock with no vault = %v, want ErrNoVault", err)
	}
	if err := empty.Create(nil); !errors.Is(err, ErrEmptyPassword) {
		t.Fatalf("Create(empty) = %v, want ErrEmptyPassword", err)
	}
}

func TestEditsSurviveANewProcess(t *testing.T) {
	s := created(t)
	home, dev := s.Home(), s.DeviceID()
	g, err := s.AddGroup("Work")
	if err != nil {
		t.Fatal(err)
	}
	r := addLogin(t, s, "GitHub", "alice")
	gone := addLogin(t, s, "Old", "bob")
	name := "GitHub (work)"
	if _, err := s.UpdateRecord(r.ID, model.RecordPatch{Name: &name, Groups: &[]string{g.ID}}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteRecord(gone.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddType("Router", []model.FieldDef{{Label: "Admin URL", Kind: model.KindURL}}); err != nil {
		t.Fatal(err)
	}
	s.Lock()

	s2 := newService(t, home) // a second process on the same data folder
	if err := s2.Unlock(pw); err != nil {
		t.Fatal(err)
	}
	defer s2.Lock()
	if s2.DeviceID() != dev {
		t.Errorf("device id %q after reopen, want %q", s2.DeviceID(), dev)
	}
	got, err := s2.Find("github")
	if err != nil || got.Name != name || len(got.Groups) != 1 || got.Groups[0] != g.ID {
		t.Errorf("record after reopen = %+v, %v", got, err)
	}
	if del, _ := s2.List(model.Filter{Deleted: true}); len(del) != 1 || del[0].ID != gone.ID {
		t.Errorf("deleted after reopen = %+v", del)
	}
	if _, err := s2.TypeByName("router"); err != nil {
		t.Errorf("type after reopen: %v", err)
	}
	if h, _ := s2.History(r.ID); len(h) == 0 {
		t.Error("history lost on reopen")
	}
	if n := len(s2.Unpublished()); n != 4 {
		t.Errorf("%d unpublished after reopen, want 4: a group, two records, a type", n)
	}
}

func TestSecondProcessIsRefused(t *testing.T) {
	s := created(t)
	other := newService(t, s.Home())
	if err := other.Unlock(pw); !errors.Is(err, ErrInUse) {
		t.Fatalf("Unlock while another process has it = %v, want ErrInUse", err)
	}
}

func TestChangePassword(t *testing.T) {
	s := created(t)
	addLogin(t, s, "GitHub", "alice")
	newPw := []byte("another long passphrase here")
	if err := s.ChangePassword([]byte("wrong"), newPw); !errors.Is(err, ErrWrongPassword) {
		t.Fatalf("ChangePassword(wrong old) = %v, want ErrWrongPassword", err)
	}
	if err := s.ChangePassword(pw, newPw); err != nil {
		t.Fatalf("ChangePassword: %v", err)
	}
	s.Lock()
	if err := s.Unlock(pw); !errors.Is(err, ErrWrongPassword) {
		t.Fatalf("old password after change: %v, want ErrWrongPassword", err)
	}
	if err := s.Unlock(newPw); err != nil {
		t.Fatalf("new password: %v", err)
	}
	if _, err := s.Find("github"); err != nil {
		t.Fatalf("record after password change: %v", err)
	}
}

func TestRestoreDeletedRecord(t *testing.T) {
	s := created(t)
	r := addLogin(t, s, "GitHub", "alice")
	if err := s.DeleteRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Find("GitHub"); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("Find deleted = %v, want ErrNotFound", err)
	}
	d, err := s.FindDeleted("git")
	if err != nil || d.ID != r.ID {
		t.Fatalf("FindDeleted = %+v, %v", d, err)
	}
	if _, err := s.RestoreRecord(d.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Find("GitHub"); err != nil {
		t.Fatalf("after restore: %v", err)
	}
}

func TestSecretsBag(t *testing.T) {
	s := created(t)
	if err := s.SetSecret("sync", "s3cret"); err != nil {
		t.Fatal(err)
	}
	s.Lock()
	if _, ok := s.GetSecret("sync"); ok {
		t.Fatal("secret readable while locked")
	}
	if err := s.SetSecret("x", "y"); !errors.Is(err, ErrVaultLocked) {
		t.Fatalf("SetSecret while locked = %v", err)
	}
	s2 := newService(t, s.Home())
	if err := s2.Unlock(pw); err != nil {
		t.Fatal(err)
	}
	defer s2.Lock()
	if v, ok := s2.GetSecret("sync"); !ok || v != "s3cret" {
		t.Fatalf("GetSecret after reopen = %q, %v", v, ok)
	}
	if err := s2.DeleteSecret("sync"); err != nil {
		t.Fatal(err)
	}
	if _, ok := s2.GetSecret("sync"); ok {
		t.Fatal("secret still there after DeleteSecret")
	}
}

func TestDefaultHome(t *testing.T) {
	t.Setenv(HomeEnv, "rel/dir")
	h, err := DefaultHome()
	if err != nil || !filepath.IsAbs(h) || filepath.Base(h) != "dir" {
		t.Fatalf("DefaultHome = %q, %v", h, err)
	}
	t.Setenv(HomeEnv, "")
	t.Setenv("XDG_DATA_HOME", "/xdg")
	if h, _ := DefaultHome(); h == "" {
		t.Fatal("empty default home")
	}
}

// Every unlock attempt that derived a key, and every lock of an open vault,
// gives memory back; unlocking an open vault or a missing one derives
// nothing and does not.
func TestUnlockAndLockReleaseMemory(t *testing.T) {
	s := newService(t, t.TempDir())
	released := 0
	s.release = func() { released++ }
	steps := []struct {
		what string
		do   func()
		want int
	}{
		{"unlock of no vault", func() { s.Unlock(pw) }, 0},
		{"create", func() { s.Create(pw) }, 0},
		{"lock", s.Lock, 1},
		{"lock when locked", s.Lock, 1},
		{"wrong password", func() { s.Unlock([]byte("wrong")) }, 2},
		{"unlock", func() { s.Unlock(pw) }, 3},
		{"unlock when unlocked", func() { s.Unlock(pw) }, 3},
		{"lock", s.Lock, 4},
	}
	for _, st := range steps {
		st.do()
		if released != st.want {
			t.Fatalf("after %s: released %d times, want %d", st.what, released, st.want)
		}
	}
}
