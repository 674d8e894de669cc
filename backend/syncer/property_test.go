package syncer

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"strconv"
	"testing"

	"vaultbar/backend/internal/icloudsim"
	"vaultbar/backend/model"
)

// TestPropertyConverges: random edits on three devices, random syncs, and a
// cloud that delays, reorders, evicts, half-writes and conflict-copies, always
// end (once replication settles and everyone syncs) with identical vaults in
// which every register holds the latest value written to it anywhere.
// TestPropertyConvergesUnderAttack adds an adversary between syncs.
func TestPropertyConverges(t *testing.T) {
	forSeeds(t, func(t *testing.T, seed uint64) { runProperty(t, seed, false) })
}

// TestPropertyConvergesUnderAttack: the same, with someone who can write
// the sync folder deleting, rolling back, duplicating and swapping files
// and adding junk between syncs. Devices that keep syncing still converge
// with no edit lost.
func TestPropertyConvergesUnderAttack(t *testing.T) {
	forSeeds(t, func(t *testing.T, seed uint64) { runProperty(t, seed, true) })
}

func forSeeds(t *testing.T, run func(*testing.T, uint64)) {
	seeds := 6
	if s := os.Getenv("VAULTBAR_PROPERTY_SEEDS"); s != "" {
		seeds, _ = strconv.Atoi(s)
	}
	if testing.Short() {
		seeds = 2
	}
	for seed := range uint64(seeds) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { run(t, seed) })
	}
}

func runProperty(t *testing.T, seed uint64, attack bool) {
	rng := rand.New(rand.NewPCG(seed, 7))
	w := newWorld(t, icloudsim.Options{
		Seed: seed, Style: icloudsim.Style(seed % 3), MaxDelay: 3, PartialRate: 0.2,
		EvictRate: 0.2, Dataless: seed%2 == 0, ConflictRate: 0.1, DownloadDelay: 1,
	}, "a", "b", "c")
	w.nodes[0].setup(t, "pw")
	w.sim.Settle()
	w.nodes[1].setup(t, "pw")
	w.nodes[2].setup(t, "pw")
	want := map[string]map[string]model.Stamp{} // id -> register -> latest stamp written
	var steps []int                             // steps the folder can be rolled back to
	for range 60 {
		n := w.nodes[rng.IntN(3)]
		n.r.edit(t, func(v *model.Vault) error { randomEdit(rng, v); return nil })
		n.r.mu.Lock()
		for _, e := range n.r.v.Entities() {
			for k, r := range e.Regs {
				if want[e.ID] == nil {
					want[e.ID] = map[string]model.Stamp{}
				}
				want[e.ID][k] = model.MaxStamp(want[e.ID][k], r.S)
			}
		}
		n.r.mu.Unlock()
		if rng.IntN(2) == 0 {
			w.nodes[rng.IntN(3)].sync(t)
		}
		if attack && rng.IntN(3) == 0 {
			adversary(rng, w.sim, steps)
		}
		steps = append(steps, w.sim.Now())
		for range rng.IntN(3) {
			w.sim.Step()
		}
	}
	w.converge()
	final := map[string]*model.Entity{}
	for _, e := range w.nodes[0].r.snapshot() {
		final[e.ID] = e
	}
	for id, regs := range want {
		for k, s := range regs {
			if got := final[id].Regs[k].S; got != s {
				t.Fatalf("entity %s register %s: final stamp %v, latest written %v: an edit was lost", id, k, got, s)
			}
		}
	}
}

func randomEdit(rng *rand.Rand, v *model.Vault) {
	recs := v.List(model.Filter{})
	groups := v.Groups()
	word := fmt.Sprintf("w%d", rng.IntN(1000))
	switch op := rng.IntN(10); {
	case op < 3 || len(recs) == 0:
		v.AddRecord(model.RecordInput{Type: "login", Name: word, Fields: map[string]string{"username": word}})
	case op < 6:
		r := recs[rng.IntN(len(recs))]
		fields := []string{"username", "password", "url"}
		v.UpdateRecord(r.ID, model.RecordPatch{Fields: map[string]string{fields[rng.IntN(3)]: word}})
	case op < 7:
		v.DeleteRecord(recs[rng.IntN(len(recs))].ID)
	case op < 8:
		v.AddGroup(word)
	case op < 9 && len(groups) > 0:
		v.RenameGroup(groups[rng.IntN(len(groups))].ID, word)
	default:
		r := recs[rng.IntN(len(recs))]
		name := word
		v.UpdateRecord(r.ID, model.RecordPatch{Name: &name})
	}
}

// adversary does one thing someone who can write the sync folder might do
// to the devices' files (the key files are left alone: their own tests
// cover them).
func adversary(rng *rand.Rand, sim *icloudsim.Sim, steps []int) {
	fs := sim.Files("devices/")
	if len(fs) == 0 {
		return
	}
	f := fs[rng.IntN(len(fs))]
	switch rng.IntN(5) {
	case 0:
		sim.Delete(f)
	case 1:
		if len(steps) > 0 {
			dev := path.Dir(f) + "/"
			sim.Rollback(dev, steps[rng.IntN(len(steps))])
		}
	case 2: // a copy under another device's or another seq's name
		g := fs[rng.IntN(len(fs))]
		sim.Put(path.Join(path.Dir(g), fmt.Sprintf("c-1-%d.vbc", 1+rng.IntN(40))), sim.Read(f))
	case 3:
		sim.Swap(f, fs[rng.IntN(len(fs))])
	default:
		junk := make([]byte, rng.IntN(200))
		for i := range junk {
			junk[i] = byte(rng.IntN(256))
		}
		sim.Put(fmt.Sprintf("devices/junk%d/s-1-%d.vbs", rng.IntN(3), 1+rng.IntN(9)), junk)
	}
}
