package syncer

import (
	"fmt"

	"vaultbar/backend/format"
	"vaultbar/backend/model"
	"vaultbar/backend/syncfolder"
)

// push publishes this device's unpublished entities as one change file and,
// when due, a snapshot that lets it remove its older files.
func (e *Engine) push(l *syncfolder.Listing) error {
	own := l.Devices[e.dev]
	e.st.Seq = max(e.st.Seq, topSeq(own)) // never reuse a seq, even after a restored vault
	wrote := false
	if ents := e.cfg.Replica.Unpublished(); len(ents) > 0 {
		if err := e.write(format.KindChange, e.st.Seq+1, ents); err != nil {
			return err
		}
		e.st.Seq++
		e.st.SinceSnap++
		wrote = true
		if err := e.save(); err != nil {
			return err
		}
		if err := e.cfg.Replica.MarkPublished(ents); err != nil {
			return fmt.Errorf("recording what was published: %w", err)
		}
	}
	if !e.snapshotDue() {
		return nil
	}
	return e.snapshot(own, wrote)
}

func (e *Engine) snapshotDue() bool {
	return e.st.SnapSeq == 0 || e.st.SnapEpoch != e.st.Epoch || e.st.SinceSnap >= e.cfg.SnapshotEvery
}

// snapshot writes every entity under the current seq (or a new one if no
// change file took it) and removes this device's older files, which it
// covers.
func (e *Engine) snapshot(own *syncfolder.Device, shareSeq bool) error {
	all := e.cfg.Replica.All()
	if all == nil {
		// The vault was locked while this sync ran (an open vault always
		// holds at least the seed). A snapshot of nothing would delete the
		// files that hold this device's data for a joining device, so the
		// snapshot waits for the next sync of an open vault.
		return nil
	}
	seq := e.st.Seq
	if !shareSeq {
		seq++
	}
	if err := e.write(format.KindSnapshot, seq, published(all)); err != nil {
		return err
	}
	e.st.Seq, e.st.SnapSeq, e.st.SnapEpoch, e.st.SinceSnap = seq, seq, e.st.Epoch, 0
	if err := e.save(); err != nil {
		return err
	}
	e.removeOlder(own, seq)
	return nil
}

// published leaves out the untouched seed: every device has it already.
func published(all []*model.Entity) []*model.Entity {
	out := all[:0]
	for _, x := range all {
		if !x.Modified().IsZero() {
			out = append(out, x)
		}
	}
	return out
}

// removeOlder deletes own files below seq. Failures are left for the next
// snapshot: an extra file costs readers nothing, they skip it.
func (e *Engine) removeOlder(own *syncfolder.Device, seq uint64) {
	if own == nil {
		return
	}
	for _, f := range own.Files {
		if n, ok := format.ParseSyncName(f.Name); ok && !f.Copy && n.Seq < seq {
			e.folder.Remove(f.Path)
		}
	}
	for _, p := range own.Pending {
		if n, ok := format.ParseSyncName(p.Name); ok && n.Seq < seq {
			e.folder.Remove(p.Path)
		}
	}
}

// write seals ents under the current epoch's key with the facts of the
// file's name and writes it atomically into this device's folder.
func (e *Engine) write(kind format.SyncKind, seq uint64, ents []*model.Entity) error {
	n := format.SyncName{Kind: kind, Epoch: e.st.Epoch, Seq: seq}
	k := e.keys[e.st.Epoch]
	if k == nil {
		return fmt.Errorf("no sync key for epoch %d", e.st.Epoch)
	}
	sealed := k.Seal(format.AppendEntities(nil, ents), format.SyncAD(e.dev, n))
	return syncfolder.WriteAtomic(e.folder.DevicePath(e.dev, n.String()), format.AppendSyncFile(nil, sealed))
}

// topSeq is the highest seq among a device's files.
func topSeq(d *syncfolder.Device) uint64 {
	var top uint64
	if d == nil {
		return 0
	}
	for _, f := range d.Files {
		if n, ok := format.ParseSyncName(f.Name); ok {
			top = max(top, n.Seq)
		}
	}
	for _, p := range d.Pending {
		if n, ok := format.ParseSyncName(p.Name); ok {
			top = max(top, n.Seq)
		}
	}
	return top
}
