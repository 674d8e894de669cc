package service

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"vaultbar/backend/model"
	"vaultbar/internal/disktest"
)

// reopenFolding locks and unlocks s, so that the journal's saves are of an
// earlier session: the next save folds them into a new snapshot and keeps
// the one it replaces as a backup.
func reopenFolding(t *testing.T, s *VaultService) {
	t.Helper()
	s.Lock()
	if err := s.Unlock(pw); err != nil {
		t.Fatalf("Unlock: %v", err)
	}
}

// backupNow makes the vault as it stands now the newest backup and
// returns its name: a reopen and a save make it the snapshot, a second
// reopen and save the backup.
func backupNow(t *testing.T, s *VaultService) string {
	t.Helper()
	for range 2 {
		reopenFolding(t, s)
		if err := s.SetSecret("backup-marker", model.NewID()); err != nil {
			t.Fatal(err)
		}
	}
	bs, err := s.Backups()
	if err != nil || len(bs) == 0 {
		t.Fatalf("Backups = %v, %v", bs, err)
	}
	return bs[0].Name
}

func recordField(r model.Record, id string) string {
	for _, f := range r.Fields {
		if f.ID == id {
			return f.Value
		}
	}
	return ""
}

func inHistory(t *testing.T, s *VaultService, id, key, val string) bool {
	t.Helper()
	h, err := s.History(id)
	if err != nil {
		t.Fatalf("History: %v", err)
	}
	return slices.ContainsFunc(h, func(e model.HistoryEntry) bool { return e.Key == key && e.Value == val })
}

func ptrTo(s string) *string { return &s }

// world is a vault with one of everything, then a backup, then edits of
// every kind that the restore must undo.
type restoreWorld struct {
	s                    *VaultService
	backup               string
	github, bank, gone   model.Record
	later                model.Record
	work, later2         model.Group
	router               model.Type
	routerRec            model.Record
	devBefore, secretVal string
}

func newRestoreWorld(t *testing.T) *restoreWorld {
	w := &restoreWorld{s: created(t)}
	s := w.s
	var err error
	if w.work, err = s.AddGroup("Work"); err != nil {
		t.Fatal(err)
	}
	if w.router, err = s.AddType("Router", []model.FieldDef{{ID: "admin", Label: "Admin URL", Kind: model.KindURL}}); err != nil {
		t.Fatal(err)
	}
	w.github = addLogin(t, s, "GitHub", "alice")
	w.bank = addLogin(t, s, "Bank", "bob")
	w.gone = addLogin(t, s, "Old Forum", "carol")
	if w.routerRec, err = s.AddRecord(model.RecordInput{Type: w.router.ID, Name: "Home router", Groups: []string{w.work.ID}, Fields: map[string]string{"admin": "http://10.0.0.1"}}); err != nil {
		t.Fatal(err)
	}
	w.backup = backupNow(t, s)

	// After the backup: every kind of edit.
	mustUpdate(t, s, w.github.ID, model.RecordPatch{Fields: map[string]string{"password": "changed-later"}, Notes: ptrTo("2FA on")})
	mustUpdate(t, s, w.bank.ID, model.RecordPatch{Name: ptrTo("Bank (old)"), Favorite: new(bool)})
	if err := s.DeleteRecord(w.gone.ID); err != nil {
		t.Fatal(err)
	}
	w.later = addLogin(t, s, "Made later", "dave")
	if _, err := s.RenameGroup(w.work.ID, "Job"); err != nil {
		t.Fatal(err)
	}
	if w.later2, err = s.AddGroup("Later group"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteType(w.router.ID); err != nil {
		t.Fatal(err)
	}
	w.devBefore = s.DeviceID()
	w.secretVal = "kept"
	if err := s.SetSecret("bag", w.secretVal); err != nil {
		t.Fatal(err)
	}
	return w
}

func mustUpdate(t *testing.T, s *VaultService, id string, p model.RecordPatch) {
	t.Helper()
	if _, err := s.UpdateRecord(id, p); err != nil {
		t.Fatalf("UpdateRecord: %v", err)
	}
}

func TestRestoreBackupPreviewChangesNothing(t *testing.T) {
	w := newRestoreWorld(t)
	before := disktest.Snapshot(t, w.s.Home())
	sum, err := w.s.PreviewRestore(w.backup, pw)
	if err != nil {
		t.Fatal(err)
	}
	want := RestoreSummary{Backup: w.backup,
		Records: RestoreCounts{Changed: 2, Restored: 1, Removed: 1},
		Groups:  RestoreCounts{Changed: 1, Removed: 1},
		Types:   RestoreCounts{Restored: 1}}
	if sum != want {
		t.Fatalf("PreviewRestore = %+v\nwant %+v", sum, want)
	}
	if d := disktest.Diff(before, disktest.Snapshot(t, w.s.Home())); d != "" {
		t.Fatalf("a preview wrote to disk:\n%s", d)
	}
	if len(w.s.Unpublished()) == 0 || w.s.Locked() {
		t.Fatal("the preview changed the vault's state")
	}
}

func TestRestoreBackupIsNewEdits(t *testing.T) {
	w := newRestoreWorld(t)
	s := w.s
	published := s.All()
	if err := s.MarkPublished(published); err != nil {
		t.Fatal(err)
	}
	mustNoErr(t, s.SaveSyncState([]byte("the engine's state")))
	clockBefore := s.vaultClock()
	var changes []Change
	unsub := s.Subscribe(func(c Change) { changes = append(changes, c) })
	sum, err := s.RestoreBackup(w.backup, pw)
	unsub()
	if err != nil {
		t.Fatal(err)
	}
	if sum.Records != (RestoreCounts{Changed: 2, Restored: 1, Removed: 1}) || sum.Total() != 7 {
		t.Fatalf("RestoreBackup = %+v", sum)
	}
	if s.Locked() || s.DeviceID() != w.devBefore {
		t.Fatalf("after restore: locked %v, device %q (was %q)", s.Locked(), s.DeviceID(), w.devBefore)
	}
	if got := string(s.SyncState()); got != "the engine's state" {
		t.Fatalf("sync state after restore = %q", got)
	}
	if v, ok := s.GetSecret("bag"); !ok || v != w.secretVal {
		t.Fatalf("secret bag after restore = %q, %v", v, ok)
	}
	if len(changes) != 1 || changes[0].Origin != FromLocalEdit || len(changes[0].Records) != 4 {
		t.Fatalf("announced %+v, want one local edit of 4 records", changes)
	}
	checkRestored(t, w, s)
	if got := len(s.Unpublished()); got != 7 {
		t.Fatalf("%d unpublished after restore, want 7 (4 records, 2 groups, a type)", got)
	}
	for _, e := range s.Unpublished() {
		if !laterThan(e.Modified(), clockBefore) {
			t.Errorf("%s %s was not stamped anew: %+v", e.Kind, e.ID, e.Modified())
		}
	}

	// Journaled like any edit: a second process sees it all.
	s.Lock()
	s2 := newService(t, s.Home())
	if err := s2.Unlock(pw); err != nil {
		t.Fatal(err)
	}
	defer s2.Lock()
	checkRestored(t, w, s2)
	if got := len(s2.Unpublished()); got != 7 {
		t.Fatalf("%d unpublished after reopening, want 7", got)
	}
}

func (s *VaultService) vaultClock() model.Stamp {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.vault.Clock().Last()
}

// checkRestored asserts, field by field, the vault of newRestoreWorld
// after its backup was restored.
func checkRestored(t *testing.T, w *restoreWorld, s *VaultService) {
	t.Helper()
	gh, err := s.Record(w.github.ID)
	if err != nil || recordField(gh, "password") != "pw-GitHub" || recordField(gh, "username") != "alice" || gh.Notes != "" || gh.Name != "GitHub" {
		t.Errorf("GitHub after restore = %+v, %v", gh, err)
	}
	if !inHistory(t, s, w.github.ID, "f/password", "changed-later") || !inHistory(t, s, w.github.ID, "notes", "2FA on") {
		t.Error("GitHub's replaced password or notes are not in its history")
	}
	bank, err := s.Record(w.bank.ID)
	if err != nil || bank.Name != "Bank" || recordField(bank, "username") != "bob" {
		t.Errorf("Bank after restore = %+v, %v", bank, err)
	}
	if !inHistory(t, s, w.bank.ID, "name", "Bank (old)") {
		t.Error("Bank's replaced name is not in its history")
	}
	if g, err := s.Record(w.gone.ID); err != nil || recordField(g, "username") != "carol" || g.Name != "Old Forum" {
		t.Errorf("the record deleted after the backup = %+v, %v; want it back", g, err)
	}
	if _, err := s.Record(w.later.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("the record made after the backup is live: %v", err)
	}
	del, _ := s.List(model.Filter{Deleted: true})
	if len(del) != 1 || del[0].ID != w.later.ID {
		t.Errorf("deleted records = %+v, want the one made later, restorable", del)
	}
	if g, err := s.GroupByName("Work"); err != nil || g.ID != w.work.ID {
		t.Errorf("group Work after restore = %+v, %v", g, err)
	}
	if _, err := s.GroupByName("Later group"); err == nil {
		t.Error("the group made after the backup is still there")
	}
	typ, err := s.TypeByName("Router")
	if err != nil || typ.ID != w.router.ID || len(typ.Fields) != 1 {
		t.Errorf("type Router after restore = %+v, %v", typ, err)
	}
	rr, err := s.Record(w.routerRec.ID)
	if err != nil || rr.TypeName != "Router" || recordField(rr, "admin") != "http://10.0.0.1" || !slices.Equal(rr.Groups, []string{w.work.ID}) {
		t.Errorf("the router record after restore = %+v, %v", rr, err)
	}
}

func TestRestoreBackupTwiceChangesNothing(t *testing.T) {
	w := newRestoreWorld(t)
	if _, err := w.s.RestoreBackup(w.backup, pw); err != nil {
		t.Fatal(err)
	}
	before := disktest.Snapshot(t, w.s.Home())
	sum, err := w.s.RestoreBackup(w.backup, pw)
	if err != nil || sum.Total() != 0 {
		t.Fatalf("second restore = %+v, %v; want nothing to change", sum, err)
	}
	if d := disktest.Diff(before, disktest.Snapshot(t, w.s.Home())); d != "" {
		t.Fatalf("a restore that changes nothing wrote:\n%s", d)
	}
}

func TestRestoreBackupRefusals(t *testing.T) {
	w := newRestoreWorld(t)
	s := w.s
	before := disktest.Snapshot(t, s.Home())
	for _, name := range []string{"vault-20200101-000000.vbv", "nonsense", "../vault.vbv", "vault-20200101-000000.vbv/../../vault.vbv"} {
		_, err := s.RestoreBackup(name, pw)
		if !errors.Is(err, model.ErrNotFound) {
			t.Errorf("RestoreBackup(%q) = %v, want not found", name, err)
		}
		if m, _ := Explain(err); m != "no backup named "+name {
			t.Errorf("Explain(RestoreBackup(%q)) = %q", name, m)
		}
	}
	bdir := filepath.Join(vaultDir(s.Home()), "backups")
	mustNoErr(t, os.Mkdir(filepath.Join(bdir, "vault-20200101-000000.vbv"), 0o700))
	b, err := os.ReadFile(filepath.Join(bdir, w.backup))
	mustNoErr(t, err)
	b[len(b)/2] ^= 0x40
	mustNoErr(t, os.WriteFile(filepath.Join(bdir, "vault-20200102-000000.vbv"), b, 0o600))
	for name, want := range map[string]string{
		"vault-20200101-000000.vbv": "backups/vault-20200101-000000.vbv is a folder, not a backup file",
		"vault-20200102-000000.vbv": "backup vault-20200102-000000.vbv: its contents do not authenticate",
	} {
		_, err := s.RestoreBackup(name, pw)
		if m, _ := Explain(err); err == nil || !strings.Contains(m, want) || strings.Count(m, name) != 1 {
			t.Errorf("RestoreBackup(%s) = %q, want %q naming it once", name, m, want)
		}
	}
	before = disktest.Snapshot(t, s.Home())
	if _, err := s.RestoreBackup(w.backup, []byte("not the password")); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("RestoreBackup with a wrong password = %v", err)
	}
	if _, err := s.PreviewRestore(w.backup, []byte("not the password")); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("PreviewRestore with a wrong password = %v", err)
	}
	if d := disktest.Diff(before, disktest.Snapshot(t, s.Home())); d != "" {
		t.Fatalf("a refused restore wrote:\n%s", d)
	}
	s.Lock()
	if _, err := s.RestoreBackup(w.backup, pw); !errors.Is(err, ErrVaultLocked) {
		t.Errorf("RestoreBackup while locked = %v", err)
	}
}
