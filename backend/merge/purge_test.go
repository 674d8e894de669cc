package merge

import (
	"reflect"
	"testing"
	"time"

	"vaultbar/backend/model"
)

// purgedOn makes a record with history on a, copies it to b, then deletes
// and purges it on a.
func purgedOn(t *testing.T, a, b *device) string {
	t.Helper()
	r := mustRecord(t, a, "Bank", map[string]string{"password": "old"})
	a.tick(5)
	if _, err := a.v.UpdateRecord(r.ID, model.RecordPatch{Fields: map[string]string{"password": "new"}}); err != nil {
		t.Fatal(err)
	}
	pull(b, a)
	a.tick(5)
	if err := a.v.DeleteRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	a.tick(5)
	if err := a.v.PurgeRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	return r.ID
}

func TestPurgeReachesADeviceThatStillHasTheValues(t *testing.T) {
	a, b := newDevice("a", 0), newDevice("b", 2*time.Second)
	id := purgedOn(t, a, b)
	pull(b, a)
	e := b.v.Entity(id)
	checkPurged(t, e)
	if e.Get(model.RegName) != "" || len(e.History) != 0 || e.Alive() || !e.Purged() {
		t.Fatalf("b after merging the purge: %+v", e)
	}
	if n := len(b.v.List(model.Filter{Deleted: true})); n != 0 {
		t.Fatalf("b lists %d deleted records, want the purged one gone", n)
	}
	if _, changed := Entity(a.v.Entity(id), b.v.Entity(id).Clone()); changed {
		t.Fatal("a merging b's purged copy reported a change")
	}
}

func TestPurgeDropsValuesFromADeviceThatHadNotSeenIt(t *testing.T) {
	a, b := newDevice("a", 0), newDevice("b", 2*time.Second)
	id := purgedOn(t, a, b)
	// a merges b's copy, which still has the values and history.
	stale := b.v.Entity(id).Clone()
	m, changed := Entity(a.v.Entity(id), stale)
	if changed {
		t.Fatal("a stale copy of values the purge covers changed the purged record")
	}
	checkPurged(t, m)
}

func TestLaterEditElsewhereBringsBackOnlyItsValues(t *testing.T) {
	a, b := newDevice("a", 0), newDevice("b", -time.Second)
	id := purgedOn(t, a, b)
	b.now = a.now.Add(time.Second) // b edits after the purge, not having seen it
	if _, err := b.v.UpdateRecord(id, model.RecordPatch{Fields: map[string]string{"username": "later"}}); err != nil {
		t.Fatal(err)
	}
	ab, _ := Entity(a.v.Entity(id), b.v.Entity(id))
	ba, _ := Entity(b.v.Entity(id), a.v.Entity(id))
	if !reflect.DeepEqual(norm(ab), norm(ba)) {
		t.Fatalf("merge order matters:\n%+v\n%+v", ab, ba)
	}
	if !ab.Alive() || ab.Purged() {
		t.Fatal("a later edit did not bring the record back")
	}
	for k, r := range ab.Regs {
		if r.V != "" && k != model.FieldKey("username") && k != model.RegType && k != model.RegPurged {
			t.Errorf("brought back with %s=%q from before the purge", k, r.V)
		}
	}
	if ab.Get(model.FieldKey("username")) != "later" || len(ab.History) != 0 {
		t.Fatalf("got %+v", ab)
	}
}

func TestEarlierConcurrentEditIsPurgedToo(t *testing.T) {
	a, b := newDevice("a", 0), newDevice("b", -time.Minute)
	id := purgedOn(t, a, b)
	// b's clock is behind: its edit, unseen by a, is stamped before the purge.
	if _, err := b.v.UpdateRecord(id, model.RecordPatch{Fields: map[string]string{"username": "earlier"}}); err != nil {
		t.Fatal(err)
	}
	m, _ := Entity(a.v.Entity(id), b.v.Entity(id))
	checkPurged(t, m)
	if m.Alive() {
		t.Fatal("an edit stamped before the purge brought the record back, blank")
	}
}

func TestConcurrentPurgesConverge(t *testing.T) {
	a, b := newDevice("a", 0), newDevice("b", 3*time.Second)
	r := mustRecord(t, a, "Twice", map[string]string{"password": "x"})
	a.v.DeleteRecord(r.ID)
	pull(b, a)
	a.tick(5)
	b.tick(5)
	if err := a.v.PurgeRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	if err := b.v.PurgeRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	ab, _ := Entity(a.v.Entity(r.ID), b.v.Entity(r.ID))
	ba, _ := Entity(b.v.Entity(r.ID), a.v.Entity(r.ID))
	if !reflect.DeepEqual(norm(ab), norm(ba)) || ab.PurgeStamp() != b.v.Entity(r.ID).PurgeStamp() {
		t.Fatalf("concurrent purges did not converge on the later one:\n%+v\n%+v", ab, ba)
	}
}
