package syncer

import (
	"slices"
	"strings"
	"testing"

	"vaultbar/backend/internal/icloudsim"
	"vaultbar/backend/model"
)

// names lists a device's record names, sorted, to compare what each holds.
func names(t testing.TB, n *node) []string {
	n.r.mu.Lock()
	defer n.r.mu.Unlock()
	var out []string
	for _, r := range n.r.v.List(model.Filter{}) {
		out = append(out, r.Name)
	}
	slices.Sort(out)
	return out
}

func wantNames(t testing.TB, n *node, want ...string) {
	t.Helper()
	slices.Sort(want)
	if got := names(t, n); !slices.Equal(got, want) {
		t.Fatalf("%s holds %v, want %v", n.name, got, want)
	}
}

// syncTimes syncs n k times: problems show after problemScans scans.
func syncTimes(t testing.TB, n *node, k int) {
	t.Helper()
	for range k {
		n.sync(t)
	}
}

// Case 5: a device's folder restored to an older copy (Dropbox's "restore
// previous version"). The device notices at its next sync and republishes;
// meanwhile the device that saw newer files says it is waiting, not
// "Synced".
func TestRolledBackFolderHeals(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 5, MaxDelay: 1}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	a.setup(t, "pw")
	w.sim.Settle()
	b.setup(t, "pw")
	addRecord(t, a, "first")
	w.converge()
	at := w.sim.Now()
	addRecord(t, a, "second")
	a.sync(t)
	w.sim.Settle()
	b.sync(t) // b reads "second": a's files are newer than at
	addRecord(t, a, "third")
	a.sync(t)
	w.sim.Settle()
	w.sim.Rollback("devices/a/", at)
	w.sim.Settle()
	syncTimes(t, b, problemScans)
	if st := b.e.Status(); strings.HasPrefix(st.Message, "Synced") || st.Reason != ReasonWaiting || !strings.Contains(st.Message, "device a") {
		t.Fatalf("b's status while a's files are rolled back: %+v", st)
	}
	wantNames(t, b, "first", "second")
	a.sync(t) // notices and republishes
	w.sim.Settle()
	b.sync(t)
	wantNames(t, b, "first", "second", "third")
	wantNames(t, a, "first", "second", "third")
	if st := b.e.Status(); !strings.HasPrefix(st.Message, "Synced") || len(st.Warnings) != 0 {
		t.Fatalf("b's status after a republished: %+v", st)
	}
}

// Case 5: a device's files deleted from the sync folder, and a new device
// joining afterwards: the files are republished and the new device gets
// everything.
func TestDeletedFolderHeals(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 6}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	a.setup(t, "pw")
	addRecord(t, a, "kept")
	a.sync(t)
	w.sim.Settle()
	for _, f := range w.sim.Files("devices/a/") {
		w.sim.Delete(f)
	}
	w.sim.Settle()
	a.sync(t)
	w.sim.Settle()
	b.setup(t, "pw")
	wantNames(t, b, "kept")
	if got := w.sim.Files("devices/a/"); len(got) == 0 {
		t.Fatal("a did not republish")
	}
}

// Case 5: one of a device's files swapped with another's content (same
// names, wrong bytes). The reader can't open it; the writer notices its
// file changed, finds it does not authenticate, and republishes.
func TestSwappedFilesHeal(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 7}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	a.setup(t, "pw")
	w.sim.Settle()
	b.setup(t, "pw")
	addRecord(t, a, "one")
	a.sync(t)
	addRecord(t, a, "two")
	a.sync(t)
	w.sim.Settle()
	fs := w.sim.Files("devices/a/")
	if len(fs) < 2 {
		t.Fatalf("a's files: %v", fs)
	}
	w.sim.Swap(fs[0], fs[len(fs)-1])
	w.sim.Settle()
	w.converge()
	wantNames(t, b, "one", "two")
	if st := b.e.Status(); len(st.Warnings) != 0 || st.Ignored != 0 {
		t.Fatalf("b's status after a healed: %+v", st)
	}
}
