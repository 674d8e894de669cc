package syncer

import (
	"testing"

	"vaultbar/backend/internal/icloudsim"
)

// restoreReplica puts n's vault and sync state back to what saved holds, as
// restoring a copy of the data folder does, and starts a new engine on it.
func restoreReplica(t testing.TB, n *node, saved *memReplica) {
	t.Helper()
	r := newReplica(n.name)
	if _, err := r.Apply(saved.snapshot()); err != nil {
		t.Fatal(err)
	}
	r.state = saved.SyncState()
	n.r = r
	n.e = n.w.engine(n)
}

// A device whose data folder is restored from a copy made before an edit it
// had already published (the README suggests keeping such copies) finds
// that edit again in its own folder: the file authenticates as its own, so
// it is merged back, not only counted to skip its seq. Before, the device
// never got its edit back while every other device had it, and every
// status said "Synced".
func TestRestoredVaultReadsItsOwnLaterFiles(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 11}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	a.setup(t, "pw")
	w.sim.Settle()
	b.setup(t, "pw")
	addRecord(t, a, "first")
	w.converge()
	saved := newReplica(a.name)
	if _, err := saved.Apply(a.r.snapshot()); err != nil {
		t.Fatal(err)
	}
	saved.state = a.r.SyncState()
	addRecord(t, a, "second")
	a.sync(t)
	w.sim.Settle()
	restoreReplica(t, a, saved)
	wantNames(t, a, "first")
	w.converge()
	wantNames(t, a, "first", "second")
	wantNames(t, b, "first", "second")
}
