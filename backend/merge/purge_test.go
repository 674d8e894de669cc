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
	ab := bothWays(t, a, b, id)
	if !ab.Alive() || ab.Purged() {
		t.Fatal("a later edit did not bring the record back")
	}
	for k, r := range ab.Regs {
		if r.V != "" && k != model.FieldKey("username") && !model.PurgeKeeps(k) {
			t.Errorf("brought back with %s=%q from before the purge", k, r.V)
		}
	}
	if ab.Get(model.FieldKey("username")) != "later" || len(ab.History) != 0 {
		t.Fatalf("got %+v", ab)
	}
}

// An edit the purging device had not seen survives whatever the clocks
// say: b's clock is a minute behind, so its edit is stamped before the
// purge, yet it was made after b last heard of the record.
func TestUnseenEditStampedBeforeThePurgeSurvives(t *testing.T) {
	a, b := newDevice("a", 0), newDevice("b", -time.Minute)
	id := purgedOn(t, a, b)
	if _, err := b.v.UpdateRecord(id, model.RecordPatch{Fields: map[string]string{"username": "earlier"}}); err != nil {
		t.Fatal(err)
	}
	if b.v.Entity(id).Regs[model.FieldKey("username")].S.After(a.v.Entity(id).Regs[model.RegPurged].S) {
		t.Fatal("test setup: b's edit should be stamped before a's purge")
	}
	ab := bothWays(t, a, b, id)
	checkPurged(t, ab)
	if !ab.Alive() || ab.Get(model.FieldKey("username")) != "earlier" {
		t.Fatalf("the unseen edit was lost: %+v", ab)
	}
	for k, r := range ab.Regs {
		if r.V != "" && k != model.FieldKey("username") && !model.PurgeKeeps(k) {
			t.Errorf("brought back with %s=%q that the purge erased", k, r.V)
		}
	}
}

// Two devices that each purge what they had seen erase the union.
func TestConcurrentPurgesEraseWhatEitherSaw(t *testing.T) {
	a, b := newDevice("a", 0), newDevice("b", 3*time.Second)
	r := mustRecord(t, a, "Both", map[string]string{"password": "x"})
	pull(b, a)
	b.tick(5)
	if _, err := b.v.UpdateRecord(r.ID, model.RecordPatch{Fields: map[string]string{"username": "only-b-saw"}}); err != nil {
		t.Fatal(err)
	}
	stale := b.v.Entity(r.ID).Clone() // a copy from before either delete
	a.tick(5)
	a.v.DeleteRecord(r.ID)
	b.tick(5)
	b.v.DeleteRecord(r.ID)
	a.tick(5)
	b.tick(5)
	if err := a.v.PurgeRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	if err := b.v.PurgeRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	ab := bothWays(t, a, b, r.ID)
	checkPurged(t, ab)
	if ab.Alive() || !ab.Purged() {
		t.Fatalf("after both purges: alive=%v purged=%v %+v", ab.Alive(), ab.Purged(), ab)
	}
	// A device that never saw either delete can't bring anything back.
	m, _ := Entity(ab, stale)
	checkPurged(t, m)
	if m.Alive() || m.Get(model.FieldKey("username")) != "" {
		t.Fatalf("a stale copy brought the record back: %+v", m)
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
	if ab := bothWays(t, a, b, r.ID); ab.Regs[model.RegPurged] != b.v.Entity(r.ID).Regs[model.RegPurged] {
		t.Fatalf("concurrent purges did not keep the later mark: %+v", ab)
	}
}

// Wall clocks more than a day apart, which the clocks won't follow: a purge
// still erases what the purging device had seen, and an edit it had not
// seen still survives.
func TestPurgeAcrossClocksDaysApart(t *testing.T) {
	a, b := newDevice("a", 0), newDevice("b", -72*time.Hour)
	r := mustRecord(t, a, "Far", map[string]string{"password": "W-SECRET"})
	pull(b, a)
	if err := b.v.DeleteRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	if err := b.v.PurgeRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	m, _ := Entity(a.v.Entity(r.ID), b.v.Entity(r.ID))
	checkPurged(t, m)
	if m.Alive() || m.Get(model.FieldKey("password")) != "" {
		t.Fatalf("a purge from a clock days behind left %+v", m)
	}

	// Now the purging device is days ahead, and the other edits after it
	// purged, not having seen the purge.
	c, d := newDevice("c", 48*time.Hour), newDevice("d", 0)
	r = mustRecord(t, d, "Ahead", map[string]string{"password": "old"})
	pull(c, d)
	c.v.DeleteRecord(r.ID)
	c.v.PurgeRecord(r.ID)
	d.tick(1000)
	if _, err := d.v.UpdateRecord(r.ID, model.RecordPatch{Fields: map[string]string{"password": "AFTER-PURGE"}}); err != nil {
		t.Fatal(err)
	}
	m, _ = Entity(c.v.Entity(r.ID), d.v.Entity(r.ID))
	if !m.Alive() || m.Get(model.FieldKey("password")) != "AFTER-PURGE" {
		t.Fatalf("an edit made after the purge, unseen by it, was lost: %+v", m)
	}
}

// The purger's own later edit of the same field does not cover an edit
// it had not seen: b's password, stamped before a's, survives a's edit,
// delete and purge, and brings the record back (attack round 2, D1).
func TestUnseenEditOfAFieldThePurgerAlsoEditedSurvives(t *testing.T) {
	a, b := newDevice("a", 0), newDevice("b", 0)
	r := mustRecord(t, a, "R", map[string]string{"username": "u", "password": "p1"})
	pull(b, a)
	b.tick(1000)
	a.tick(2000)
	if _, err := b.v.UpdateRecord(r.ID, model.RecordPatch{Fields: map[string]string{"password": "from-B"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.v.UpdateRecord(r.ID, model.RecordPatch{Fields: map[string]string{"password": "from-A"}}); err != nil {
		t.Fatal(err)
	}
	a.v.DeleteRecord(r.ID)
	if err := a.v.PurgeRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	ab := bothWays(t, a, b, r.ID)
	checkPurged(t, ab)
	if !ab.Alive() || ab.Get(model.FieldKey("password")) != "from-B" || ab.Get(model.FieldKey("username")) != "" {
		t.Fatalf("want the record back with only b's password: %+v", ab)
	}
	for _, h := range ab.History {
		t.Errorf("history kept %s=%q", h.Key, h.V)
	}
}

// A restore on one device while another purges: the restore is an edit of
// the whole record the purger had not seen, so the record comes back whole
// on both, not with its name alone (attack rounds 2 and 3).
func TestRestoreRacingAPurgeBringsTheWholeRecordBack(t *testing.T) {
	a, b := newDevice("a", 0), newDevice("b", time.Second)
	r := mustRecord(t, a, "R", map[string]string{"username": "u", "password": "SECRET1"})
	a.tick(5)
	a.v.DeleteRecord(r.ID)
	pull(b, a)
	a.tick(5)
	b.tick(5)
	if err := a.v.PurgeRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := b.v.RestoreRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	ab := bothWays(t, a, b, r.ID)
	if !ab.Alive() || ab.Get(model.RegName) != "R" || ab.Get(model.FieldKey("password")) != "SECRET1" || ab.Get(model.FieldKey("username")) != "u" {
		t.Fatalf("want the restored record whole: %+v", ab.Regs)
	}
}

// A restore merged elsewhere leaves the same history on both devices: the
// restamped value is not an earlier version on one and absent on the other.
func TestRestoreLeavesTheSameHistoryEverywhere(t *testing.T) {
	a, b := newDevice("a", 0), newDevice("b", time.Second)
	r := mustRecord(t, a, "R", map[string]string{"password": "p"})
	a.tick(5)
	a.v.DeleteRecord(r.ID)
	pull(b, a)
	b.tick(5)
	if _, err := b.v.RestoreRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	pull(a, b)
	if ha, hb := a.v.Entity(r.ID).History, b.v.Entity(r.ID).History; !reflect.DeepEqual(ha, hb) {
		t.Fatalf("history after a restore differs:\na %+v\nb %+v", ha, hb)
	}
}

// bothWays merges record id of a and b in both orders, fails if the
// results differ, and returns one.
func bothWays(t *testing.T, a, b *device, id string) *model.Entity {
	t.Helper()
	ab, _ := Entity(a.v.Entity(id), b.v.Entity(id))
	ba, _ := Entity(b.v.Entity(id), a.v.Entity(id))
	if !reflect.DeepEqual(norm(ab), norm(ba)) {
		t.Fatalf("merge order matters:\n%+v\n%+v", ab, ba)
	}
	return ab
}
