package service

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"vaultbar/backend/model"
)

// randomEdits makes n random edits of every kind on v.
func randomEdits(t *testing.T, rng *rand.Rand, v *model.Vault, n int) {
	t.Helper()
	for i := range n {
		recs := v.List(model.Filter{})
		dead := v.List(model.Filter{Deleted: true})
		groups := v.Groups()
		switch op := rng.IntN(8); {
		case op == 0 || len(recs) == 0:
			_, err := v.AddRecord(model.RecordInput{Type: "login", Name: fmt.Sprintf("r%d-%d", i, rng.IntN(1000)),
				Fields: map[string]string{"username": fmt.Sprint(rng.IntN(5))}})
			mustNoErr(t, err)
		case op == 1:
			r := recs[rng.IntN(len(recs))]
			mustNoErr(t, v.DeleteRecord(r.ID))
		case op == 2 && len(dead) > 0 && rng.IntN(3) == 0:
			mustNoErr(t, v.PurgeRecord(dead[rng.IntN(len(dead))].ID))
		case op == 2 && len(dead) > 0:
			_, err := v.RestoreRecord(dead[rng.IntN(len(dead))].ID)
			mustNoErr(t, err)
		case op == 3:
			_, err := v.AddGroup(fmt.Sprintf("g%d-%d", i, rng.IntN(1000)))
			mustNoErr(t, err)
		case op == 4 && len(groups) > 0:
			mustNoErr(t, v.DeleteGroup(groups[rng.IntN(len(groups))].ID))
		case op == 5 && len(groups) > 0:
			g := []string{groups[rng.IntN(len(groups))].ID}
			_, err := v.UpdateRecord(recs[rng.IntN(len(recs))].ID, model.RecordPatch{Groups: &g})
			mustNoErr(t, err)
		default:
			r := recs[rng.IntN(len(recs))]
			notes := fmt.Sprint("n", rng.IntN(3))
			_, err := v.UpdateRecord(r.ID, model.RecordPatch{Notes: &notes, Fields: map[string]string{"password": fmt.Sprint(rng.IntN(4))}})
			mustNoErr(t, err)
		}
	}
}

func copyVault(v *model.Vault) *model.Vault {
	var ents []*model.Entity
	for _, e := range v.Entities() {
		ents = append(ents, e.Clone())
	}
	return model.Load(model.NewClock("backup", model.Stamp{}, nil), ents)
}

// Random edits, a backup, random edits, a restore: every entity is live
// exactly when it is in the backup, with the backup's values; every value
// replaced is in history; a second plan finds nothing to do.
func TestRestorePlanProperty(t *testing.T) {
	for seed := range uint64(40) {
		rng := rand.New(rand.NewPCG(seed, 7))
		wall := time.UnixMilli(1_800_000_000_000)
		now := func() time.Time { wall = wall.Add(time.Duration(rng.IntN(3)) * time.Millisecond); return wall }
		v := model.New(model.NewClock("dev", model.Stamp{}, now))
		randomEdits(t, rng, v, 30)
		backup := copyVault(v)
		randomEdits(t, rng, v, 30)
		before := copyVault(v)

		p := planRestore(v, backup)
		sum := p.summary("b")
		ids := p.apply(v)
		if len(ids) != sum.Total() {
			t.Fatalf("seed %d: applied %d, counted %d", seed, len(ids), sum.Total())
		}
		for _, e := range v.Entities() {
			b, old := backup.Entity(e.ID), before.Entity(e.ID)
			if old != nil && old.Purged() {
				if !e.Purged() {
					t.Fatalf("seed %d: restoring a backup brought back a record deleted permanently since", seed)
				}
				continue
			}
			bLive := b != nil && b.Alive()
			if e.Alive() != bLive {
				t.Fatalf("seed %d: %s %s live %v, in the backup %v", seed, e.Kind, e.ID, e.Alive(), bLive)
			}
			if bLive && differs(e, b) {
				t.Fatalf("seed %d: %s differs from the backup:\n%+v\n%+v", seed, e.ID, e.Regs, b.Regs)
			}
			if old == nil {
				continue
			}
			for k, r := range old.Regs {
				if bLive && r.V != "" && r.V != e.Get(k) && model.KeepsHistory(k) && !hasVersion(e, k, r) {
					t.Fatalf("seed %d: %s lost %s=%q", seed, e.ID, k, r.V)
				}
			}
		}
		if again := planRestore(v, backup); len(again.steps) != 0 {
			t.Fatalf("seed %d: a second plan has %d steps", seed, len(again.steps))
		}
	}
}

func hasVersion(e *model.Entity, k string, r model.Reg) bool {
	for _, h := range e.History {
		if h.Key == k && h.V == r.V && h.S == r.S {
			return true
		}
	}
	return len(e.History) == model.HistoryLimit // the oldest may have been dropped
}

// A record deleted permanently after the backup stays deleted, and the
// summary says so instead of counting it restored.
func TestRestoreKeepsAPurgeAndSaysSo(t *testing.T) {
	v := model.New(model.NewClock("dev", model.Stamp{}, time.Now))
	r, err := v.AddRecord(model.RecordInput{Type: "login", Name: "Bank", Fields: map[string]string{"password": "S3CRET"}})
	if err != nil {
		t.Fatal(err)
	}
	backup := copyVault(v)
	if err := v.DeleteRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	if err := v.PurgeRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	p := planRestore(v, backup)
	if sum := p.summary("b"); sum.Total() != 0 || sum.Purged != 1 {
		t.Fatalf("summary %+v, want nothing to restore and 1 kept deleted permanently", sum)
	}
	p.apply(v)
	if e := v.Entity(r.ID); !e.Purged() || e.Get(model.FieldKey("password")) != "" {
		t.Fatalf("after the restore: %+v", e)
	}
}

// A record that an edit made elsewhere brought back after a permanent
// delete still gets none of its erased values from a backup (attack round
// 2, D3): only the later edit's value stays.
func TestRestoreNeverWritesBackErasedValues(t *testing.T) {
	v := model.New(model.NewClock("dev", model.Stamp{}, time.Now))
	r, err := v.AddRecord(model.RecordInput{Type: "login", Name: "R", Fields: map[string]string{"password": "SECRET1"}})
	if err != nil {
		t.Fatal(err)
	}
	backup := copyVault(v)
	v.DeleteRecord(r.ID)
	if err := v.PurgeRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	e := v.Entity(r.ID).Clone()
	e.Regs[model.RegNotes] = model.Reg{V: "note from B", S: model.Stamp{Wall: time.Now().Add(time.Hour).UnixMilli(), Dev: "b"}}
	v.Put(e)
	if !v.Entity(r.ID).Alive() {
		t.Fatal("test setup: the later edit should bring the record back")
	}
	p := planRestore(v, backup)
	if sum := p.summary("b"); sum.Purged != 1 {
		t.Fatalf("summary %+v, want the record counted as deleted permanently", sum)
	}
	p.apply(v)
	got := v.Entity(r.ID)
	if got.Get(model.FieldKey("password")) != "" || got.Get(model.RegName) != "" || got.Get(model.RegNotes) != "note from B" {
		t.Fatalf("after the restore: %+v", got.Regs)
	}
}
