package service

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"vaultbar/backend/internal/icloudsim"
	"vaultbar/backend/model"
)

// simWorld is devices syncing through simulated cloud folders that
// deliver late, out of order, half-written first and with conflict copies.
type simWorld struct {
	sim  *icloudsim.Sim
	devs []*device
}

func newSimWorld(t *testing.T, seed uint64, style icloudsim.Style, names ...string) *simWorld {
	opt := icloudsim.Options{Seed: seed, Style: style, MaxDelay: 2, ConflictRate: 0.3, PartialRate: 0.2}
	w := &simWorld{sim: icloudsim.New(opt)}
	for i, n := range names {
		d := newDevice(t, nil)
		sd := w.sim.AddDevice(n, t.TempDir())
		w.sim.Settle()
		if existing := d.setup(t, sd.Dir, syncPW); existing != (i > 0) {
			t.Fatalf("%s: setup found existing sync data %v", n, existing)
		}
		w.devs = append(w.devs, d)
	}
	return w
}

// round has every device sync, the cloud delivering everything between.
func (w *simWorld) round(t *testing.T, n int) {
	t.Helper()
	for range n {
		for _, d := range w.devs {
			d.syncNow(t)
			w.sim.Settle()
		}
	}
}

// state is what a device holds: every entity's values, stamps, liveness
// and history, to compare devices exactly.
func deviceState(d *device) map[string]string {
	out := map[string]string{}
	for _, e := range d.v.All() {
		regs := make([]string, 0, len(e.Regs))
		for k, r := range e.Regs {
			regs = append(regs, fmt.Sprintf("%s=%q@%v", k, r.V, r.S))
		}
		slices.Sort(regs)
		hist := make([]string, 0, len(e.History))
		for _, h := range e.History {
			hist = append(hist, fmt.Sprintf("%s=%q", h.Key, h.V))
		}
		out[e.ID] = fmt.Sprintf("%s alive=%v %s | history %s", e.Kind, e.Alive(), strings.Join(regs, " "), strings.Join(hist, " "))
	}
	return out
}

// Restoring a backup on one of three devices: every device ends with the
// backup's state plus the edits made after the restore, and every value
// the restore replaced is in history everywhere.
func TestSyncRestoreBackupOnOneOfThreeDevices(t *testing.T) {
	for seed := uint64(21); seed < 24; seed++ {
		style := icloudsim.Style(seed % 3)
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { restoreOnOneOfThree(t, newSimWorld(t, seed, style, "a", "b", "c")) })
	}
}

func restoreOnOneOfThree(t *testing.T, w *simWorld) {
	a, b, c := w.devs[0], w.devs[1], w.devs[2]
	gh := addLogin(t, a.v, "GitHub", "alice")
	bank := addLogin(t, a.v, "Bank", "bob")
	addLogin(t, a.v, "Forum", "carol")
	w.round(t, 2)
	backup := backupNow(t, a.v)

	// Published edits on every device after the backup.
	mustUpdate(t, a.v, gh.ID, model.RecordPatch{Fields: map[string]string{"password": "a-later"}})
	mustUpdate(t, b.v, bank.ID, model.RecordPatch{Fields: map[string]string{"username": "b-later"}})
	madeOnC := addLogin(t, c.v, "Made on C", "dave")
	w.round(t, 2)

	sum, err := a.v.RestoreBackup(backup, pw)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Records != (RestoreCounts{Changed: 2, Removed: 1}) {
		t.Fatalf("restore on A = %+v", sum)
	}
	// Edits elsewhere that have not seen the restore yet, and one after.
	mustUpdate(t, b.v, bank.ID, model.RecordPatch{Notes: ptrTo("B, after the restore")})
	mustUpdate(t, c.v, madeOnC.ID, model.RecordPatch{Fields: map[string]string{"password": "C, after the restore"}})
	addLogin(t, a.v, "After the restore", "erin")
	w.round(t, 3)

	want := deviceState(a)
	for i, d := range w.devs {
		if got := deviceState(d); !maps.Equal(got, want) {
			t.Fatalf("device %d did not converge with A:\n%v\nA:\n%v", i, got, want)
		}
		r, err := d.v.Record(gh.ID)
		if err != nil || recordField(r, "password") != "pw-GitHub" || !inHistory(t, d.v, gh.ID, "f/password", "a-later") {
			t.Errorf("device %d: GitHub = %+v, %v; want the backup's password, A's later one in history", i, r, err)
		}
		r, err = d.v.Record(bank.ID)
		if err != nil || recordField(r, "username") != "bob" || r.Notes != "B, after the restore" || !inHistory(t, d.v, bank.ID, "f/username", "b-later") {
			t.Errorf("device %d: Bank = %+v, %v; want the backup's user name, B's later notes, B's replaced name in history", i, r, err)
		}
		if !d.has("Forum") || !d.has("After the restore") {
			t.Errorf("device %d lacks Forum (%v) or the record made after the restore (%v)", i, d.has("Forum"), d.has("After the restore"))
		}
		// The restore deleted C's record, but C edited it without having
		// seen that: the edit wins over the delete, as any concurrent one.
		if r, err := d.v.Record(madeOnC.ID); err != nil || recordField(r, "password") != "C, after the restore" {
			t.Errorf("device %d: C's record edited after the restore = %+v, %v", i, r, err)
		}
		if len(d.v.Unpublished()) != 0 {
			t.Errorf("device %d has unpublished edits after syncing", i)
		}
	}
}
