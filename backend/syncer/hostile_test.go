package syncer

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"vaultbar/backend/internal/icloudsim"
	"vaultbar/backend/model"
	"vaultbar/backend/syncfolder"
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

// syncTimes syncs n k times: problems show after ProblemScans scans.
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
	syncTimes(t, b, ProblemScans)
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

// Case 6: empty folders with valid device names are no peers: 3,000 of them
// don't grow the saved state (saved with every edit).
func TestEmptyDeviceFoldersAreNotPeers(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 8}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	a.setup(t, "pw")
	w.sim.Settle()
	b.setup(t, "pw")
	w.converge()
	before := len(b.r.SyncState())
	for i := range 3000 {
		os.MkdirAll(filepath.Join(b.sd.Dir, "devices", fmt.Sprintf("junk%04d", i)), 0o700)
	}
	addRecord(t, b, "edit")
	syncTimes(t, b, ProblemScans)
	if after := len(b.r.SyncState()); after > before+512 {
		t.Fatalf("the saved sync state grew from %d to %d bytes", before, after)
	}
	if st, _ := decodeState(b.r.SyncState()); len(st.Peers) != 1 || st.Peers["a"] == nil {
		t.Fatalf("peers: %v", st.Peers)
	}
	if st := b.e.Status(); !strings.HasPrefix(st.Message, "Synced") || st.Ignored != 0 {
		t.Fatalf("status: %+v", st)
	}
}

// Case 6: a file larger than any Vaultbar writes is refused on its size
// alone, before a byte is read or decrypted, and the status counts it.
func TestOversizedFileIsNotRead(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 9}, "a")
	a := w.nodes[0]
	a.setup(t, "pw")
	p := filepath.Join(a.sd.Dir, "devices", "huge", "s-1-1.vbs")
	os.MkdirAll(filepath.Dir(p), 0o700)
	if err := os.WriteFile(p, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(p, syncfolder.MaxSyncFile+1); err != nil { // sparse: costs no disk
		t.Fatal(err)
	}
	syncTimes(t, a, ProblemScans)
	st := a.e.Status()
	if st.Ignored != 1 || !strings.HasSuffix(st.Message, "with 1 file ignored.") || len(st.Warnings) != 1 || !strings.Contains(st.Warnings[0], "larger than any file Vaultbar writes") {
		t.Fatalf("status: %+v", st)
	}
	if _, err := a.e.folder.Read(p); !errors.Is(err, syncfolder.ErrTooLarge) {
		t.Fatalf("Read of an oversized file: %v", err)
	}
}

// Case 6: junk and forged files are ignored, counted, capped in the
// warnings, and CleanUp moves them beside the sync folder: nothing deleted,
// nothing a device of ours wrote moved, no record lost or gained.
func TestJunkIsReportedAndCleanedUp(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 10}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	a.setup(t, "pw")
	w.sim.Settle()
	b.setup(t, "pw")
	addRecord(t, a, "real")
	w.converge()
	ours := w.sim.Files("")
	for i := range 30 {
		w.sim.Put(fmt.Sprintf("devices/junk%02d/s-1-1.vbs", i), []byte(strings.Repeat("junk", i+1)))
	}
	w.sim.Put("devices/a/c-1-99.vbc", []byte("forged"))
	w.sim.Settle()
	syncTimes(t, b, ProblemScans)
	st := b.e.Status()
	if st.Ignored != 31 || !strings.HasSuffix(st.Message, "with 31 files ignored.") || len(st.Warnings) != maxWarnings || !strings.Contains(st.Warnings[maxWarnings-1], "more") {
		t.Fatalf("status with junk: %+v", st)
	}
	got, err := b.e.CleanUp(context.Background())
	if err != nil || len(got.Moved) != 31 {
		t.Fatalf("clean up: %+v %v", got, err)
	}
	if filepath.Dir(got.Dir) != filepath.Dir(b.sd.Dir) || !strings.Contains(filepath.Base(got.Dir), "-ignored-") {
		t.Fatalf("set aside in %s, not beside %s", got.Dir, b.sd.Dir)
	}
	if kept, err := os.ReadFile(filepath.Join(got.Dir, "devices", "a", "c-1-99.vbc")); err != nil || string(kept) != "forged" {
		t.Fatalf("the forged file was not kept: %q %v", kept, err)
	}
	w.sim.Settle()
	w.converge()
	if left := w.sim.Files(""); !slices.Equal(left, ours) {
		t.Fatalf("the sync folder holds %v, want %v", left, ours)
	}
	for _, n := range w.nodes {
		wantNames(t, n, "real")
		if st := n.e.Status(); st.Ignored != 0 || !strings.HasPrefix(st.Message, "Synced") || strings.Contains(st.Message, "ignored") {
			t.Fatalf("%s after clean up: %+v", n.name, st)
		}
	}
}

// Case 7: a device's folder replaced by a link to somewhere outside the
// sync folder: the device refuses to write through it, and says so.
func TestLinkedDeviceFolderIsNotWrittenThrough(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 11}, "a")
	a := w.nodes[0]
	a.setup(t, "pw")
	addRecord(t, a, "before")
	a.sync(t)
	outside := t.TempDir()
	own := filepath.Join(a.sd.Dir, "devices", "a")
	if err := os.Rename(own, filepath.Join(t.TempDir(), "moved")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, own); err != nil {
		t.Fatal(err)
	}
	addRecord(t, a, "after")
	err := a.e.SyncNow(context.Background())
	if !errors.Is(err, syncfolder.ErrOutsideFolder) {
		t.Fatalf("sync through a linked folder: %v", err)
	}
	if st := a.e.Status(); st.State != StateError || st.Reason != ReasonLinkedFolder || !strings.Contains(st.Message, "devices/a") || !strings.Contains(st.Message, "replace the link") {
		t.Fatalf("status: %+v", st)
	}
	if got := files(t, outside); len(got) != 0 {
		t.Fatalf("wrote outside the sync folder: %v", got)
	}
	os.Remove(own) // the person follows the hint
	a.sync(t)
	if st := a.e.Status(); st.State != StateIdle {
		t.Fatalf("status once the link is gone: %+v", st)
	}
}

// clockAt gives node n a clock reading now() and continuing after last.
func clockAt(n *node, last model.Stamp, now func() time.Time) {
	n.r.mu.Lock()
	defer n.r.mu.Unlock()
	n.r.v = model.New(model.NewClock(n.name, last, now))
}

// Case 8: a device whose clock runs three days ahead. Its edit merges
// everywhere, but the other device's clock does not jump to it, and both
// still converge.
func TestFarFutureStampDoesNotMoveTheClock(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 12}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	clockAt(a, model.Stamp{}, func() time.Time { return time.Now().Add(72 * time.Hour) })
	a.setup(t, "pw")
	w.sim.Settle()
	b.setup(t, "pw")
	addRecord(t, a, "from the future")
	w.converge()
	wantNames(t, b, "from the future")
	if last := b.r.v.Clock().Last(); last.Time().After(time.Now().Add(model.MaxAhead)) {
		t.Fatalf("b's clock jumped to %v", last.Time())
	}
	addRecord(t, b, "now")
	w.converge()
	wantNames(t, a, "from the future", "now")
	wantNames(t, b, "from the future", "now")
}

// Case 8: a stamp with a full counter. Before, the next stamp of the device
// that saw it wrapped to count 0 and sorted before it, so that device's
// later edit of the same field lost; now it wins, on both devices.
func TestFullCounterDoesNotLoseTheNextEdit(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 13}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	frozen := time.Now().Add(time.Hour)
	clockAt(a, model.Stamp{Wall: frozen.UnixMilli(), Count: math.MaxUint32 - 1, Dev: "a"}, func() time.Time { return frozen })
	clockAt(b, model.Stamp{}, func() time.Time { return frozen.Add(-time.Minute) })
	a.setup(t, "pw")
	w.sim.Settle()
	b.setup(t, "pw")
	id := addRecord(t, a, "shared")
	w.converge()
	b.r.edit(t, func(v *model.Vault) error {
		_, err := v.UpdateRecord(id, model.RecordPatch{Fields: map[string]string{"username": "b's edit"}})
		return err
	})
	w.converge()
	for _, n := range w.nodes {
		if r, _ := record(t, n, id); field(r, "username") != "b's edit" {
			t.Fatalf("%s: username %q, want b's later edit", n.name, field(r, "username"))
		}
	}
}

// Case 6: the number of peers recorded is capped; beyond it a device is
// ignored with one warning, and the state stops growing.
func TestPeersAreCapped(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 14}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	a.setup(t, "pw")
	w.sim.Settle()
	b.setup(t, "pw")
	b.e.mu.Lock()
	for i := 0; len(b.e.st.Peers) < maxPeers; i++ {
		b.e.st.Peers[fmt.Sprintf("old%03d", i)] = &peer{Seq: 1, High: 1}
	}
	b.e.mu.Unlock()
	c := w.add("c")
	w.sim.Settle()
	c.setup(t, "pw")
	addRecord(t, c, "late")
	c.sync(t)
	w.sim.Settle()
	syncTimes(t, b, ProblemScans)
	if _, ok := b.e.st.Peers["c"]; ok || len(b.e.st.Peers) != maxPeers {
		t.Fatalf("%d peers recorded, c among them: %v", len(b.e.st.Peers), ok)
	}
	if st := b.e.Status(); !strings.Contains(strings.Join(st.Warnings, " "), "more than 512 devices") {
		t.Fatalf("status: %+v", st)
	}
}

// Status: the last sync that completed is shown by a new engine (the next
// run of the command line, the next unlock), even before it syncs; saved
// at most every lastSyncEvery when nothing else is, it may be that old.
func TestLastSyncShownAcrossRuns(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 15}, "a")
	a := w.nodes[0]
	a.setup(t, "pw")
	a.sync(t)
	last := a.e.Status().LastSync
	again := w.engine(a)
	if st := again.Status(); st.LastSync.IsZero() || last.Sub(st.LastSync) > lastSyncEvery || !strings.HasPrefix(st.Message, "Synced with iCloud at") {
		t.Fatalf("a new engine's status: %+v, want the last sync %v", st, last)
	}
}
