package model

import (
	"errors"
	"testing"
)

func deletedWithHistory(t *testing.T, v *Vault) string {
	t.Helper()
	r, err := v.AddRecord(RecordInput{Type: "login", Name: "Bank", Notes: "pin 1234", Favorite: true,
		Groups: []string{"personal"}, Fields: map[string]string{"password": "old", "username": "me"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.UpdateRecord(r.ID, RecordPatch{Fields: map[string]string{"password": "new"}}); err != nil {
		t.Fatal(err)
	}
	if err := v.DeleteRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	return r.ID
}

func TestPurgeBlanksEveryValueAndDropsHistory(t *testing.T) {
	v, _ := newVault("d")
	id := deletedWithHistory(t, v)
	if c := v.Counts()["deleted"]; c != 1 {
		t.Fatalf("deleted count before purge = %d", c)
	}
	v.MarkClean(id)
	if err := v.PurgeRecord(id); err != nil {
		t.Fatal(err)
	}
	e := v.Entity(id)
	for k, r := range e.Regs {
		if r.V != "" && !PurgeKeeps(k) {
			t.Errorf("register %s still holds %q", k, r.V)
		}
	}
	if len(e.History) != 0 || !e.Purged() || e.Alive() {
		t.Fatalf("after purge: %+v", e)
	}
	if len(v.Dirty()) != 1 {
		t.Fatal("a purge is not marked for publishing")
	}
	if n := len(v.List(Filter{Deleted: true})); n != 0 || v.Counts()["deleted"] != 0 {
		t.Fatalf("purged record still in Deleted Records (%d listed, count %d)", n, v.Counts()["deleted"])
	}
	if _, err := v.DeletedRecord(id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("DeletedRecord of a purged record: %v", err)
	}
	if _, err := v.RestoreRecord(id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("RestoreRecord of a purged record: %v", err)
	}
	if err := v.PurgeRecord(id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("purging twice: %v", err)
	}
}

func TestPurgeOnlyFromDeletedRecords(t *testing.T) {
	v, _ := newVault("d")
	r, _ := v.AddRecord(RecordInput{Type: "login", Name: "Live"})
	if err := v.PurgeRecord(r.ID); !errors.Is(err, ErrInvalid) {
		t.Fatalf("purging a live record: %v", err)
	}
	if _, err := v.Record(r.ID); err != nil {
		t.Fatal("a refused purge touched the record")
	}
}

func TestDeletedRecordShowsItsFields(t *testing.T) {
	v, _ := newVault("d")
	id := deletedWithHistory(t, v)
	r, err := v.DeletedRecord(id)
	if err != nil || r.Name != "Bank" {
		t.Fatalf("DeletedRecord = %+v, %v", r, err)
	}
	got := map[string]string{}
	for _, f := range r.Fields {
		got[f.ID] = f.Value
	}
	if got["password"] != "new" || got["username"] != "me" {
		t.Fatalf("fields = %v", got)
	}
	live, _ := v.AddRecord(RecordInput{Type: "login", Name: "Live"})
	if _, err := v.DeletedRecord(live.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("DeletedRecord of a live record: %v", err)
	}
}

// Adding history after a purge (a merge does) keeps nothing from before it.
func TestAddHistoryDropsVersionsBeforeThePurge(t *testing.T) {
	v, _ := newVault("d")
	id := deletedWithHistory(t, v)
	old := v.Entity(id).Clone().History
	if err := v.PurgeRecord(id); err != nil {
		t.Fatal(err)
	}
	e := v.Entity(id)
	e.AddHistory(old...)
	if len(e.History) != 0 {
		t.Fatalf("history after re-adding pre-purge versions: %+v", e.History)
	}
}

// A record brought back after a purge (an edit made elsewhere, or a
// restore) and deleted again is an ordinary deleted record: listed,
// restorable, and purgeable again, which erases the new values too.
func TestDeletedAgainAfterComingBackIsNotPurged(t *testing.T) {
	v, _ := newVault("d")
	id := deletedWithHistory(t, v)
	if err := v.PurgeRecord(id); err != nil {
		t.Fatal(err)
	}
	e := v.Entity(id)
	created := e.Get(RegCreated)
	// A later edit from elsewhere brings it back with one value.
	e.Regs[FieldKey("password")] = Reg{V: "S3CRET", S: v.clock.Next()}
	v.Put(e)
	if !e.Alive() || e.Get(RegCreated) != created || created == "" {
		t.Fatalf("brought back: alive=%v created=%q (was %q)", e.Alive(), e.Get(RegCreated), created)
	}
	if err := v.DeleteRecord(id); err != nil {
		t.Fatal(err)
	}
	if e.Purged() || len(v.List(Filter{Deleted: true})) != 1 || v.Counts()["deleted"] != 1 {
		t.Fatalf("deleted again: purged=%v, listed %d", e.Purged(), len(v.List(Filter{Deleted: true})))
	}
	if _, err := v.DeletedRecord(id); err != nil {
		t.Fatal(err)
	}
	if err := v.PurgeRecord(id); err != nil {
		t.Fatalf("purging it again: %v", err)
	}
	if got := v.Entity(id).Get(FieldKey("password")); got != "" || !v.Entity(id).Purged() {
		t.Fatalf("after the second purge: password %q, purged %v", got, v.Entity(id).Purged())
	}
	if _, err := v.RestoreRecord(id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("restoring after the second purge: %v", err)
	}
}
