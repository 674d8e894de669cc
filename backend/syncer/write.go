package syncer

import (
	"fmt"

	"vaultbar/backend/format"
	"vaultbar/backend/model"
	"vaultbar/backend/syncfolder"
)

// push publishes this device's unpublished entities as one change file and,
// when due, a snapshot that lets it remove its older files. A snapshot is
// also due when this device's published files are no longer as it left them
// (deleted, rolled back, swapped): it republishes everything.
func (e *Engine) push(l *syncfolder.Listing) error {
	own := l.Devices[e.dev]
	e.st.Seq = max(e.st.Seq, e.ownTop(own)) // never reuse a seq, even after a restored vault
	heal := !e.intact(own)
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
	if !heal && !e.snapshotDue() {
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
	e.forgetOwnBelow(seq)
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
// file's name and writes it atomically into this device's folder, noting
// how it left the file.
func (e *Engine) write(kind format.SyncKind, seq uint64, ents []*model.Entity) error {
	n := format.SyncName{Kind: kind, Epoch: e.st.Epoch, Seq: seq}
	k := e.keys[e.st.Epoch]
	if k == nil {
		return fmt.Errorf("no sync key for epoch %d", e.st.Epoch)
	}
	sealed := k.Seal(format.AppendEntities(nil, ents), format.SyncAD(e.dev, n))
	path := e.folder.DevicePath(e.dev, n.String())
	if err := e.folder.Write(path, format.AppendSyncFile(nil, sealed)); err != nil {
		return err
	}
	if e.st.Own == nil {
		e.st.Own = map[string]ownFile{}
	}
	size, mod, err := e.folder.Stat(path)
	if err == nil {
		e.st.Own[n.String()] = ownFile{Size: size, Mod: mod}
	}
	return nil
}

// forgetOwnBelow drops the records of own files a snapshot at seq replaced.
func (e *Engine) forgetOwnBelow(seq uint64) {
	for name := range e.st.Own {
		if n, ok := format.ParseSyncName(name); !ok || n.Seq < seq {
			delete(e.st.Own, name)
		}
	}
}

// intact reports whether every file this device published and has not
// replaced is still in its folder as it was written, or else genuine: a
// file that changed size or time is opened, since iCloud rewrites a file
// it evicted and downloads again. A file evicted from this device is asked
// for and counts as there until it arrives and can be checked: what
// replaced it on the service may be anything.
func (e *Engine) intact(own *syncfolder.Device) bool {
	if e.st.SnapSeq == 0 {
		return true // nothing published yet; the first snapshot is due anyway
	}
	here := ownFiles(own)
	if len(e.st.Own) == 0 { // a state from before Own was kept
		_, ok := here[format.SyncName{Kind: format.KindSnapshot, Epoch: e.st.SnapEpoch, Seq: e.st.SnapSeq}.String()]
		return ok
	}
	for name, want := range e.st.Own {
		h, ok := here[name]
		switch {
		case !ok:
			return false
		case h.pending != nil:
			e.folder.Download(*h.pending)
		case h.file.Size != want.Size || !h.file.ModTime.Equal(want.Mod):
			if !e.genuine(*h.file) {
				return false
			}
			e.st.Own[name] = ownFile{Size: h.file.Size, Mod: h.file.ModTime}
		}
	}
	return true
}

// ownEntry is a canonical file in a device's folder, or its placeholder.
type ownEntry struct {
	file    *syncfolder.File
	pending *syncfolder.Pending
}

// ownFiles maps the canonical names in a device's folder to their entry.
func ownFiles(d *syncfolder.Device) map[string]ownEntry {
	out := map[string]ownEntry{}
	if d == nil {
		return out
	}
	for i, f := range d.Files {
		if !f.Copy {
			out[f.Name] = ownEntry{file: &d.Files[i]}
		}
	}
	for i, p := range d.Pending {
		if _, ok := out[p.Name]; !ok {
			out[p.Name] = ownEntry{pending: &d.Pending[i]}
		}
	}
	return out
}

// genuine reports whether f, in this device's folder, opens as this
// device's own file under its name. One that does not is remembered (and
// reported) like any file that fails, so it is not read again.
func (e *Engine) genuine(f syncfolder.File) bool {
	n, ok := format.ParseSyncName(f.Name)
	if !ok {
		return false
	}
	var b batch
	ok, _ = e.readFile(&b, e.dev, source{f, n})
	return ok
}

// ownTop is the highest seq among this device's files that it really
// wrote: after a restored vault its state is behind its files, and a new
// file must not take a seq already used. Files above the state's seq are
// opened first, so junk with a huge seq in its name can't move the count.
func (e *Engine) ownTop(d *syncfolder.Device) uint64 {
	var top uint64
	if d == nil {
		return 0
	}
	for _, f := range d.Files {
		n, ok := format.ParseSyncName(f.Name)
		if ok && !f.Copy && n.Seq > max(top, e.st.Seq) && e.genuine(f) {
			top = n.Seq
		}
	}
	for _, p := range d.Pending {
		if n, ok := format.ParseSyncName(p.Name); ok && n.Seq <= e.st.Seq+maxPendingSkip {
			top = max(top, n.Seq)
		}
	}
	return top
}

// maxPendingSkip bounds how far a file not downloaded yet (which can't be
// opened to check) moves the seq.
const maxPendingSkip = 1 << 20
