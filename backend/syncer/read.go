package syncer

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"vaultbar/backend/format"
	"vaultbar/backend/model"
	"vaultbar/backend/syncfolder"
)

// source is one readable file of a device, canonical or a conflict copy.
type source struct {
	syncfolder.File
	name format.SyncName
}

// batch is what one sync read: the entities to apply, then what to record.
type batch struct {
	ents   []*model.Entity
	marks  []mark
	copies []string // conflict copies merged, to remove once applied
}

type mark struct {
	dev     string
	seq     uint64
	through bool
}

// pull reads what other devices wrote since the last sync and applies it.
func (e *Engine) pull(l *syncfolder.Listing) error {
	b := &batch{}
	for dev, d := range l.Devices {
		if d.Unreadable {
			e.problem("unreadable:"+dev, syncfolder.File{}, fmt.Sprintf("%s in the sync folder can't be read by this user and was skipped; give your user read access to it (chmod -R u+rwX), or move it out of the sync folder if no device of yours writes there",
				filepath.Join(syncfolder.DevicesDir, dev)))
			continue
		}
		if len(d.Files) == 0 && len(d.Pending) == 0 {
			continue // an empty folder: nothing to read, nothing to notice
		}
		if err := e.readDevice(b, dev, d); err != nil {
			return err
		}
	}
	if len(b.ents) > 0 {
		if _, err := e.cfg.Replica.Apply(b.ents); err != nil {
			return fmt.Errorf("applying other devices' changes: %w", err)
		}
	}
	if len(b.marks) == 0 && len(b.copies) == 0 {
		return nil
	}
	for _, m := range b.marks {
		if p := e.st.peer(m.dev); p != nil {
			p.mark(m.seq, m.through)
		}
	}
	if err := e.save(); err != nil {
		return err
	}
	for _, p := range b.copies {
		e.folder.Remove(p) // merged; if it lingers it is merged again, harmlessly
	}
	return nil
}

// readDevice reads one device's new files into b: a snapshot when its
// change files since the last read are not all there, then change files in
// order. Conflict copies are read whatever their seq, and removed after.
func (e *Engine) readDevice(b *batch, dev string, d *syncfolder.Device) error {
	srcs, copies := sources(d)
	if dev == e.dev {
		if err := e.readOwnLater(b, srcs); err != nil {
			return err
		}
		return e.readCopies(b, dev, copies)
	}
	p := e.st.seen(dev)
	if _, known := e.st.Peers[dev]; !known && len(e.st.Peers) >= maxPeers {
		e.problem("peers", syncfolder.File{}, fmt.Sprintf("more than %d devices write to the sync folder; the others are ignored", maxPeers))
		return nil
	}
	e.noticeRollback(dev, p, srcs, d.Pending)
	have := map[uint64]bool{}
	for _, s := range srcs {
		if s.name.Kind == format.KindChange {
			have[s.name.Seq] = true
		}
	}
	from := p.Seq
	if snap := bestSnapshot(srcs, p, have); snap != nil {
		ok, err := e.readFile(b, dev, *snap)
		if err != nil {
			return err
		}
		if ok {
			b.marks = append(b.marks, mark{dev, snap.name.Seq, true})
			from = snap.name.Seq
		}
	}
	for _, s := range srcs {
		if s.name.Kind != format.KindChange || s.name.Seq <= from || p.applied(s.name.Seq) {
			continue
		}
		ok, err := e.readFile(b, dev, s)
		if err != nil {
			return err
		}
		if ok {
			b.marks = append(b.marks, mark{dev, s.name.Seq, false})
		}
	}
	e.download(d.Pending, p)
	return e.readCopies(b, dev, copies)
}

// readOwnLater reads the files in this device's own folder above the seq
// its state says it wrote: it wrote them before its vault was restored from
// a copy (or a copy of its data folder wrote them elsewhere). They
// authenticate as its own, and no other device republishes them, so their
// edits are merged back here; push then counts their seqs as used (ownTop).
func (e *Engine) readOwnLater(b *batch, srcs []source) error {
	for _, s := range srcs {
		if s.name.Seq <= e.st.Seq {
			continue
		}
		if _, err := e.readFile(b, e.dev, s); err != nil {
			return err
		}
	}
	return nil
}

// sources splits a device's files into canonical files (sorted by seq) and
// conflict copies.
func sources(d *syncfolder.Device) (srcs, copies []source) {
	for _, f := range d.Files {
		n, ok := format.ParseSyncName(f.Name)
		if !ok {
			continue
		}
		if f.Copy {
			copies = append(copies, source{f, n})
		} else {
			srcs = append(srcs, source{f, n})
		}
	}
	slices.SortFunc(srcs, func(a, b source) int {
		if a.name.Seq != b.name.Seq {
			return cmpU(a.name.Seq, b.name.Seq)
		}
		return int(a.name.Kind) - int(b.name.Kind)
	})
	return srcs, copies
}

func cmpU(a, b uint64) int {
	if a < b {
		return -1
	}
	return 1
}

// bestSnapshot picks the newest snapshot past what was applied, if the
// change files leading up to it are not all at hand (deleted after that
// snapshot was written, or not delivered yet).
func bestSnapshot(srcs []source, p *peer, have map[uint64]bool) *source {
	var best *source
	for i, s := range srcs {
		// Its seq may be applied already (from the change file sharing
		// it) while the seqs below are not: it still covers those.
		if s.name.Kind == format.KindSnapshot && s.name.Seq > p.Seq {
			best = &srcs[i]
		}
	}
	if best == nil {
		return nil
	}
	for seq := p.Seq + 1; seq <= best.name.Seq; seq++ {
		if !have[seq] && !p.applied(seq) {
			return best
		}
	}
	return nil
}

func (e *Engine) readCopies(b *batch, dev string, copies []source) error {
	for _, c := range copies {
		ok, err := e.readFile(b, dev, c)
		if err != nil {
			return err
		}
		if ok {
			b.copies = append(b.copies, c.Path)
		}
	}
	return nil
}

// download asks for pending files this device may still need: any past
// the contiguous watermark (a snapshot sharing an applied change's seq still
// covers the gap below it).
func (e *Engine) download(pending []syncfolder.Pending, p *peer) {
	for _, f := range pending {
		if n, ok := format.ParseSyncName(f.Name); ok && n.Seq > p.Seq {
			e.folder.Download(f)
		}
	}
}

// readFile opens one file against its canonical name and adds its entities
// to b. A file that does not open is skipped (it may still be arriving) and
// reported if it stays that way; ok says whether it was read.
func (e *Engine) readFile(b *batch, dev string, s source) (ok bool, err error) {
	key := s.Path
	if pr := e.problems[key]; pr != nil && pr.size == s.Size && pr.mod.Equal(s.ModTime) {
		pr.seen = true // unchanged since it failed: don't read it again
		return false, nil
	}
	ents, err := e.open(dev, s)
	switch {
	case errors.Is(err, format.ErrNewerVersion):
		return false, ErrNewerFormat
	case err != nil:
		e.problem(key, s.File, fmt.Sprintf("%s in the sync folder could not be read and was ignored (%v); it may be damaged or still being copied",
			filepath.Join(syncfolder.DevicesDir, dev, filepath.Base(s.Path)), err))
		return false, nil
	}
	delete(e.problems, key)
	b.ents = append(b.ents, ents...)
	return true, nil
}

// open reads, authenticates and decodes a change or snapshot file. Its
// size and epoch are checked first: nothing is read that could not be a
// file of ours.
func (e *Engine) open(dev string, s source) ([]*model.Entity, error) {
	if s.Size > syncfolder.MaxSyncFile {
		return nil, fmt.Errorf("%d bytes is %w", s.Size, syncfolder.ErrTooLarge)
	}
	k := e.keys[s.name.Epoch]
	if k == nil {
		return nil, fmt.Errorf("written under a cloud sync password this device does not know (epoch %d)", s.name.Epoch)
	}
	raw, err := e.folder.Read(s.Path)
	if err != nil {
		return nil, err
	}
	sealed, err := format.ParseSyncFile(raw)
	if err != nil {
		return nil, err
	}
	if err := e.revoked(dev, s.name, raw); err != nil {
		return nil, err
	}
	plain, err := k.OpenInPlace(sealed, format.SyncAD(dev, s.name))
	if err != nil {
		return nil, err
	}
	return format.ParseEntities(plain)
}

// problem is a file or device that looked wrong in a scan. It is reported
// only once it has looked wrong in ProblemScans scans in a row, because a
// file being copied looks just like a damaged one for a while.
type problem struct {
	msg   string
	path  string // the file ignored; "" for a problem that is no file
	size  int64
	mod   time.Time
	scans int
	seen  bool
}

// ProblemScans is how many scans in a row a problem must persist to be
// reported. A one-off command (vaultbar sync status) syncs this many times.
const ProblemScans = 3

func (e *Engine) problem(key string, f syncfolder.File, msg string) {
	pr := e.problems[key]
	if pr == nil || pr.size != f.Size || !pr.mod.Equal(f.ModTime) {
		pr = &problem{size: f.Size, mod: f.ModTime, scans: 0}
		if old := e.problems[key]; old != nil {
			pr.scans = old.scans
		}
		e.problems[key] = pr
	}
	pr.msg, pr.path, pr.seen = msg, f.Path, true
}

func (e *Engine) beginScan() {
	for _, pr := range e.problems {
		pr.seen = false
	}
}

// endScan forgets problems not seen again and ages the rest.
func (e *Engine) endScan() {
	for k, pr := range e.problems {
		if !pr.seen {
			delete(e.problems, k)
			continue
		}
		pr.scans++
	}
}

// maxWarnings bounds the warnings shown: a folder full of junk gets a count,
// not a page per file.
const maxWarnings = 10

func (e *Engine) warnings() []string {
	var out []string
	for _, pr := range e.problems {
		if pr.scans >= ProblemScans {
			out = append(out, pr.msg)
		}
	}
	slices.Sort(out)
	if len(out) > maxWarnings {
		n := len(out) - maxWarnings + 1
		out = append(out[:maxWarnings-1], fmt.Sprintf("and %d more problems like these", n))
	}
	return out
}

// ignored lists the files that have failed to open for ProblemScans scans:
// files no device of ours wrote as they are, which Clean moves away.
func (e *Engine) ignored() []string {
	var out []string
	for _, pr := range e.problems {
		if pr.scans >= ProblemScans && pr.path != "" {
			out = append(out, pr.path)
		}
	}
	slices.Sort(out)
	return out
}

// noticeRollback reports a device whose newest file is older than one
// already read from it: someone restored an old copy of the sync folder.
// Nothing is lost (what was read stays merged); the user should know.
func (e *Engine) noticeRollback(dev string, p *peer, srcs []source, pending []syncfolder.Pending) {
	var top uint64
	for _, s := range srcs {
		top = max(top, s.name.Seq)
	}
	for _, f := range pending {
		if n, ok := format.ParseSyncName(f.Name); ok {
			top = max(top, n.Seq)
		}
	}
	if top == 0 || top >= p.High {
		return
	}
	e.problem("rollback:"+dev, syncfolder.File{}, fmt.Sprintf("the sync files of device %s went back to an older state (restored from a backup?); nothing was lost here", dev))
}
