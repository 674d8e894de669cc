package syncer

import (
	"reflect"
	"testing"

	"vaultbar/backend/internal/icloudsim"
	"vaultbar/backend/model"
)

// A vault locked while a sync runs answers All with nil. The snapshot that
// was due must wait: writing one then would publish nothing and delete the
// files a joining device needs.
func TestNoSnapshotOfALockedVault(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 7}, "a")
	a := w.nodes[0]
	a.setup(t, "correct horse")
	a.r.edit(t, func(v *model.Vault) error {
		_, err := v.AddRecord(model.RecordInput{Type: "login", Name: "Mail"})
		return err
	})
	a.sync(t)
	before := files(t, a.sd.Dir)

	a.r.mu.Lock()
	a.r.closed = true
	a.r.mu.Unlock()
	a.e.st.SinceSnap = a.e.cfg.SnapshotEvery // a snapshot is due
	a.sync(t)
	if after := files(t, a.sd.Dir); !reflect.DeepEqual(after, before) {
		t.Fatalf("a sync of a locked vault changed the folder:\nbefore %v\nafter  %v", before, after)
	}
	if !a.e.snapshotDue() {
		t.Fatal("the skipped snapshot is no longer due")
	}
}
