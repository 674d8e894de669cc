package syncer

import (
	"context"
	"crypto/rand"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"vaultbar/backend/internal/icloudsim"
)

// Key files no device of ours wrote (random bytes under a higher epoch's
// name, a copy of the real key file under another name) are counted in the
// status like any ignored file, and CleanUp moves them: before, the status
// said "Synced" with no count while a warning named them, and clean up said
// every file was written by a device of yours and left them.
func TestJunkKeyFilesAreCountedAndCleanedUp(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 12}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	a.setup(t, "pw")
	w.sim.Settle()
	b.setup(t, "pw")
	addRecord(t, a, "real")
	w.converge()
	ours := w.sim.Files("")
	real := w.sim.Files("keys/")[0]
	raw, err := a.e.folder.Read(filepath.Join(a.sd.Dir, real))
	if err != nil {
		t.Fatal(err)
	}
	junk := make([]byte, 300)
	rand.Read(junk)
	w.sim.Put("keys/3-a.vbk", junk)
	w.sim.Put("keys/5-b.vbk", raw)
	w.sim.Settle()
	syncTimes(t, b, ProblemScans)
	st := b.e.Status()
	if st.Ignored != 2 || !strings.HasSuffix(st.Message, "with 2 files ignored.") {
		t.Fatalf("status with junk key files: %+v", st)
	}
	got, err := b.e.CleanUp(context.Background())
	if err != nil || len(got.Moved) != 2 {
		t.Fatalf("clean up: %+v %v", got, err)
	}
	w.sim.Settle()
	w.converge()
	if left := w.sim.Files(""); !slices.Equal(left, ours) {
		t.Fatalf("the sync folder holds %v, want %v", left, ours)
	}
	for _, n := range w.nodes {
		wantNames(t, n, "real")
		if st := n.e.Status(); st.Ignored != 0 || !strings.HasPrefix(st.Message, "Synced") || len(st.Warnings) != 0 {
			t.Fatalf("%s after clean up: %+v", n.name, st)
		}
	}
}
