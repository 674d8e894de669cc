package service

import (
	"errors"
	"testing"

	"vaultbar/backend/model"
)

func entityOf(t *testing.T, v *VaultService, id string) *model.Entity {
	t.Helper()
	for _, e := range v.All() {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("no entity %s", id)
	return nil
}

// holdsValues says whether e still has any user value or earlier version.
func holdsValues(e *model.Entity) bool {
	for k, r := range e.Regs {
		if r.V != "" && !model.PurgeKeeps(k) {
			return true
		}
	}
	return len(e.History) > 0
}

// A purge is saved (it survives lock and unlock) and reaches another
// device through the sync folder, which blanks its copy too.
func TestPurgeIsSavedAndSynced(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, nil), newDevice(t, nil)
	a.setup(t, dir, syncPW)
	b.setup(t, dir, syncPW)
	r := addLogin(t, a.v, "Bank", "ann")
	if _, err := a.v.UpdateRecord(r.ID, model.RecordPatch{Fields: map[string]string{"password": "newer"}}); err != nil {
		t.Fatal(err)
	}
	a.syncNow(t)
	b.syncNow(t)
	if !holdsValues(entityOf(t, b.v, r.ID)) {
		t.Fatal("b never got the record")
	}

	if err := a.v.PurgeRecord(r.ID); err == nil {
		t.Fatal("a live record was purged")
	}
	if err := a.v.DeleteRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	if d, err := a.v.DeletedRecord(r.ID); err != nil || d.Name != "Bank" {
		t.Fatalf("DeletedRecord = %+v, %v", d, err)
	}
	if err := a.v.PurgeRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	a.v.Lock()
	if err := a.v.Unlock(pw); err != nil {
		t.Fatal(err)
	}
	if e := entityOf(t, a.v, r.ID); holdsValues(e) || !e.Purged() {
		t.Fatalf("after unlock a holds %+v", e)
	}
	a.syncNow(t)
	b.syncNow(t)
	if e := entityOf(t, b.v, r.ID); holdsValues(e) || !e.Purged() {
		t.Fatalf("after syncing b holds %+v", e)
	}
	if _, err := b.v.DeletedRecord(r.ID); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("b still shows the purged record: %v", err)
	}
	if c, _ := b.v.Counts(); c["deleted"] != 0 {
		t.Fatalf("b counts %d deleted records", c["deleted"])
	}
}
