package merge

import (
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"testing"
	"time"

	"vaultbar/backend/model"
)

// device is one simulated device: its own vault and a clock whose wall time
// the test moves, skewed per device as real clocks are.
type device struct {
	name string
	v    *model.Vault
	now  time.Time
}

func newDevice(name string, skew time.Duration) *device {
	d := &device{name: name, now: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC).Add(skew)}
	d.v = model.New(model.NewClock(name, model.Stamp{}, func() time.Time { return d.now }))
	return d
}

func (d *device) tick(ms int) { d.now = d.now.Add(time.Duration(ms) * time.Millisecond) }

// pull merges everything src has into dst, as a sync does.
func pull(dst, src *device) {
	var ents []*model.Entity
	for _, e := range src.v.Entities() {
		ents = append(ents, e.Clone())
	}
	Into(dst.v, ents)
}

func mustRecord(t *testing.T, d *device, name string, fields map[string]string) model.Record {
	t.Helper()
	r, err := d.v.AddRecord(model.RecordInput{Type: "login", Name: name, Fields: fields})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func field(r model.Record, id string) string {
	for _, f := range r.Fields {
		if f.ID == id {
			return f.Value
		}
	}
	return ""
}

func TestConcurrentEditsOfDifferentFieldsBothSurvive(t *testing.T) {
	a, b := newDevice("a", 0), newDevice("b", 0)
	r := mustRecord(t, a, "Mail", map[string]string{"username": "ann", "password": "old"})
	pull(b, a)
	a.tick(10)
	b.tick(20)
	a.v.UpdateRecord(r.ID, model.RecordPatch{Fields: map[string]string{"username": "ann@example.com"}})
	b.v.UpdateRecord(r.ID, model.RecordPatch{Fields: map[string]string{"password": "new"}})
	pull(a, b)
	pull(b, a)
	for _, d := range []*device{a, b} {
		got, _ := d.v.Record(r.ID)
		if field(got, "username") != "ann@example.com" || field(got, "password") != "new" {
			t.Errorf("%s sees username %q password %q; want both edits", d.name, field(got, "username"), field(got, "password"))
		}
	}
}

func TestConcurrentEditsOfOneFieldLaterWinsEarlierInHistory(t *testing.T) {
	a, b := newDevice("a", 0), newDevice("b", 0)
	r := mustRecord(t, a, "Bank", map[string]string{"password": "v0"})
	pull(b, a)
	a.tick(10)
	b.tick(50) // b's edit is later
	a.v.UpdateRecord(r.ID, model.RecordPatch{Fields: map[string]string{"password": "from-a"}})
	b.v.UpdateRecord(r.ID, model.RecordPatch{Fields: map[string]string{"password": "from-b"}})
	pull(a, b)
	pull(b, a)
	for _, d := range []*device{a, b} {
		got, _ := d.v.Record(r.ID)
		if field(got, "password") != "from-b" {
			t.Errorf("%s: password %q, want the later edit from-b", d.name, field(got, "password"))
		}
		h, _ := d.v.History(r.ID)
		if !inHistory(h, "from-a") || !inHistory(h, "v0") {
			t.Errorf("%s: history %v lacks from-a or v0", d.name, h)
		}
	}
}

func inHistory(h []model.HistoryEntry, v string) bool {
	for _, e := range h {
		if e.Value == v {
			return true
		}
	}
	return false
}

func TestTieOnWallTimeBrokenByDevice(t *testing.T) {
	a, b := newDevice("a", 0), newDevice("b", 0)
	r := mustRecord(t, a, "X", nil)
	pull(b, a)
	a.now, b.now = a.now.Add(time.Second), a.now.Add(time.Second) // same millisecond
	a.v.UpdateRecord(r.ID, model.RecordPatch{Fields: map[string]string{"password": "a"}})
	b.v.UpdateRecord(r.ID, model.RecordPatch{Fields: map[string]string{"password": "b"}})
	pull(a, b)
	pull(b, a)
	ra, _ := a.v.Record(r.ID)
	rb, _ := b.v.Record(r.ID)
	if field(ra, "password") != "b" || field(rb, "password") != "b" {
		t.Fatalf("a=%q b=%q; want device b to win the tie on both", field(ra, "password"), field(rb, "password"))
	}
}

func TestDeleteKeepsAnEditItHadNotSeen(t *testing.T) {
	a, b := newDevice("a", 0), newDevice("b", 0)
	r := mustRecord(t, a, "Shared", map[string]string{"password": "p"})
	pull(b, a)
	b.tick(10)
	b.v.UpdateRecord(r.ID, model.RecordPatch{Fields: map[string]string{"password": "edited on b"}})
	a.tick(1000) // a deletes later in time, without having seen b's edit
	if err := a.v.DeleteRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	pull(a, b)
	pull(b, a)
	for _, d := range []*device{a, b} {
		got, err := d.v.Record(r.ID)
		if err != nil || field(got, "password") != "edited on b" {
			t.Errorf("%s: record %v err %v; want it alive with b's edit", d.name, got, err)
		}
	}
}

func TestDeleteOfWhatWasSeenSticks(t *testing.T) {
	a, b := newDevice("a", 0), newDevice("b", 0)
	r := mustRecord(t, a, "Old", nil)
	pull(b, a)
	b.tick(10)
	b.v.UpdateRecord(r.ID, model.RecordPatch{Fields: map[string]string{"username": "u"}})
	pull(a, b)
	a.tick(10)
	a.v.DeleteRecord(r.ID)
	pull(b, a)
	for _, d := range []*device{a, b} {
		if _, err := d.v.Record(r.ID); err == nil {
			t.Errorf("%s: deleted record is still there", d.name)
		}
		if len(d.v.List(model.Filter{Deleted: true})) != 1 {
			t.Errorf("%s: deleted record is not among deleted records", d.name)
		}
	}
}

func TestJoiningDeviceBringsNoDuplicateSeeds(t *testing.T) {
	a, b := newDevice("a", 0), newDevice("b", 0)
	a.v.RenameGroup("personal", "Home")
	pull(b, a)
	pull(a, b)
	if n := len(b.v.Types()); n != len(a.v.Types()) || n != 15 {
		t.Fatalf("types: a %d, b %d; want 15 each", len(a.v.Types()), n)
	}
	gs := b.v.Groups()
	if len(gs) != 2 || gs[1].Name != "Home" {
		t.Fatalf("groups on b: %+v", gs)
	}
}

func TestGroupDeleteKeepsRecords(t *testing.T) {
	a := newDevice("a", 0)
	r, _ := a.v.AddRecord(model.RecordInput{Type: "login", Name: "Work mail", Groups: []string{"business"}})
	a.v.DeleteGroup("business")
	got, err := a.v.Record(r.ID)
	if err != nil || len(got.Groups) != 0 {
		t.Fatalf("record after group delete: %+v, %v", got, err)
	}
}

func TestMergeIsIdempotentAndCommutative(t *testing.T) {
	a, b := newDevice("a", 0), newDevice("b", 3*time.Second)
	ra := mustRecord(t, a, "One", map[string]string{"password": "1"})
	pull(b, a)
	b.v.UpdateRecord(ra.ID, model.RecordPatch{Fields: map[string]string{"password": "2"}})
	a.tick(5)
	a.v.DeleteRecord(ra.ID)
	ea, eb := a.v.Entity(ra.ID), b.v.Entity(ra.ID)
	ab, _ := Entity(ea, eb)
	ba, _ := Entity(eb, ea)
	if !reflect.DeepEqual(norm(ab), norm(ba)) {
		t.Fatalf("merge(a,b) != merge(b,a):\n%+v\n%+v", ab, ba)
	}
	again, changed := Entity(ab, eb)
	if changed || !reflect.DeepEqual(norm(again), norm(ab)) {
		t.Fatal("merging the same state twice changed it")
	}
}

func norm(e *model.Entity) *model.Entity {
	c := e.Clone()
	if len(c.History) == 0 {
		c.History = nil
	}
	return c
}

// written is one value a user typed, to check it is never lost.
type written struct {
	id, key, val string
	s            model.Stamp
}

// TestPropertyConvergenceWithoutLoss runs random edits on three devices with
// random pairwise syncs, then syncs all: every device must hold the same
// content, and every value any user typed must be the current value or in
// the record's history.
func TestPropertyConvergenceWithoutLoss(t *testing.T) {
	for seed := int64(1); seed <= 60; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { runProperty(t, seed) })
	}
}

func runProperty(t *testing.T, seed int64) {
	rng := rand.New(rand.NewSource(seed))
	devs := []*device{newDevice("dev-a", 0), newDevice("dev-b", 1500*time.Millisecond), newDevice("dev-c", -700*time.Millisecond)}
	var typed []written
	for step := 0; step < 120; step++ {
		d := devs[rng.Intn(len(devs))]
		d.tick(rng.Intn(40))
		switch op := rng.Intn(10); {
		case op < 2:
			r, err := d.v.AddRecord(model.RecordInput{Type: "login", Name: fmt.Sprintf("r%d", step), Fields: map[string]string{"password": fmt.Sprint("p", step)}})
			if err == nil {
				typed = append(typed, written{r.ID, model.FieldKey("password"), fmt.Sprint("p", step), d.v.Entity(r.ID).Regs[model.FieldKey("password")].S})
			}
		case op < 6:
			if id := randomRecord(rng, d); id != "" {
				key := []string{"username", "password", "url"}[rng.Intn(3)]
				val := fmt.Sprintf("%s-%s-%d", d.name, key, step)
				if _, err := d.v.UpdateRecord(id, model.RecordPatch{Fields: map[string]string{key: val}}); err == nil {
					typed = append(typed, written{id, model.FieldKey(key), val, d.v.Entity(id).Regs[model.FieldKey(key)].S})
				}
			}
		case op < 7:
			if id := randomRecord(rng, d); id != "" {
				d.v.DeleteRecord(id)
			}
		case op < 8:
			if del := d.v.List(model.Filter{Deleted: true}); len(del) > 0 {
				id := del[rng.Intn(len(del))].ID
				if rng.Intn(3) == 0 {
					d.v.PurgeRecord(id)
				} else {
					d.v.RestoreRecord(id)
				}
			}
		default:
			pull(d, devs[rng.Intn(len(devs))])
		}
	}
	for i := 0; i < 2; i++ {
		for _, dst := range devs {
			for _, src := range devs {
				pull(dst, src)
			}
		}
	}
	want := snapshot(devs[0])
	for _, d := range devs[1:] {
		if got := snapshot(d); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s differs from %s after full sync", d.name, devs[0].name)
		}
	}
	for _, e := range devs[0].v.Entities() {
		checkPurged(t, e)
	}
	for _, w := range typed {
		e := devs[0].v.Entity(w.id)
		if e.Regs[w.key].V == w.val || e.Erases(model.Version{Key: w.key, V: w.val, S: w.s}) {
			continue // current, or deleted permanently on purpose
		}
		found := false
		for _, h := range e.History {
			found = found || (h.Key == w.key && h.V == w.val)
		}
		if !found && len(e.History) < model.HistoryLimit {
			t.Fatalf("value %q of %s in record %s was lost", w.val, w.key, w.id)
		}
	}
}

func randomRecord(rng *rand.Rand, d *device) string {
	l := d.v.List(model.Filter{})
	if len(l) == 0 {
		return ""
	}
	return l[rng.Intn(len(l))].ID
}

func snapshot(d *device) []*model.Entity {
	var out []*model.Entity
	for _, e := range d.v.Entities() {
		out = append(out, norm(e))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// checkPurged fails if anything a permanent delete covers is still held,
// in a register or in history.
func checkPurged(t *testing.T, e *model.Entity) {
	t.Helper()
	for k, r := range e.Regs {
		if r.V != "" && !model.PurgeKeeps(k) && e.Erases(model.Version{Key: k, V: r.V, S: r.S}) {
			t.Fatalf("record %s still holds %s=%q from before its permanent delete", e.ID, k, r.V)
		}
	}
	for _, h := range e.History {
		if e.Erases(h) {
			t.Fatalf("record %s still holds an earlier %s from before its permanent delete", e.ID, h.Key)
		}
	}
}
