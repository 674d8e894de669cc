package syncer

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"vaultbar/backend/internal/icloudsim"
	"vaultbar/backend/model"
)

// Random edits and syncs on three devices while an adversary deletes,
// copies to other names and adds junk in keys/, and one device changes the
// password halfway: devices that enter the new password converge with no
// edit lost, and no device ever stops for a file it did not write.
func TestKeyFilesUnderAdversary(t *testing.T) {
	for seed := range uint64(6) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { runKeyAdversary(t, seed) })
	}
}

func runKeyAdversary(t *testing.T, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 11))
	w := newWorld(t, icloudsim.Options{Seed: seed, Style: icloudsim.Style(seed % 3), MaxDelay: 3, PartialRate: 0.2, EvictRate: 0.2, Dataless: seed%2 == 0, ConflictRate: 0.1, DownloadDelay: 1}, "a", "b", "c")
	w.nodes[0].setup(t, "one")
	w.sim.Settle()
	w.nodes[1].setup(t, "one")
	w.nodes[2].setup(t, "one")
	pw := "one"
	var ids []string
	for step := range 50 {
		n := w.nodes[rng.IntN(3)]
		n.r.edit(t, func(v *model.Vault) error {
			r, err := v.AddRecord(model.RecordInput{Type: "login", Name: fmt.Sprint("r", step)})
			ids = append(ids, r.ID)
			return err
		})
		if step == 25 {
			pw = "two"
			if err := n.e.ChangePassword(context.Background(), pw); err != nil && !errors.Is(err, ErrNeedsPassword) {
				t.Fatalf("%s: change: %v", n.name, err)
			}
		}
		keyAdversary(t, rng, w)
		m := w.nodes[rng.IntN(3)]
		if err := m.e.SyncNow(context.Background()); errors.Is(err, ErrNeedsPassword) {
			if err := m.e.EnterPassword(context.Background(), pw); err != nil && !errors.Is(err, ErrDownloading) {
				t.Fatalf("%s: enter %q: %v", m.name, pw, err)
			}
		} else if err != nil {
			t.Fatalf("%s: sync: %v", m.name, err)
		}
		for range rng.IntN(3) {
			w.sim.Step()
		}
	}
	w.sim.Settle()
	for _, n := range w.nodes {
		if err := n.e.SyncNow(context.Background()); errors.Is(err, ErrNeedsPassword) {
			if err := n.e.EnterPassword(context.Background(), pw); err != nil {
				t.Fatalf("%s: enter: %v", n.name, err)
			}
		}
	}
	w.converge()
	for _, id := range ids {
		if _, ok := record(t, w.nodes[0], id); !ok && id != "" {
			t.Fatalf("record %s lost", id)
		}
	}
}

// keyAdversary does one hostile thing to one device's keys/ folder.
func keyAdversary(t *testing.T, rng *rand.Rand, w *world) {
	n := w.nodes[rng.IntN(3)]
	dir := keysDir(n)
	ents, _ := os.ReadDir(dir)
	switch rng.IntN(4) {
	case 0:
		if len(ents) > 0 {
			os.Remove(filepath.Join(dir, ents[rng.IntN(len(ents))].Name()))
		}
	case 1:
		if len(ents) > 0 {
			b, _ := os.ReadFile(filepath.Join(dir, ents[rng.IntN(len(ents))].Name()))
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d-x%d.vbk", 1+rng.IntN(5), rng.IntN(3))), b, 0o600)
		}
	case 2:
		junk := make([]byte, rng.IntN(400))
		for i := range junk {
			junk[i] = byte(rng.Uint32())
		}
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d-j.vbk", rng.Uint64())), junk, 0o600)
	}
}
