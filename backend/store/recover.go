package store

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
	"vaultbar/backend/merge"
	"vaultbar/backend/model"
)

// Report says what recovery rebuilds a damaged vault from and what it can't
// vouch for. Open puts one in every *CorruptError (nothing written yet);
// Recover returns it once done.
type Report struct {
	Records  int      // records alive in the recovered vault
	Sources  []string // the files whose contents were used, e.g. "vault.vbj (3 saves)"
	Missing  []string // what may be missing, e.g. "the last 2 saves of vault.vbj"
	SetAside []string // damaged files: to set aside (a dry run), or their new names
	Damaged  bool     // false: nothing was wrong, nothing was done
}

// String is the one sentence the user reads.
func (r *Report) String() string {
	if !r.Damaged {
		return "nothing is damaged; nothing to recover"
	}
	s := fmt.Sprintf("%s from %s", plural(uint64(r.Records), "record", "records"), joinAnd(summarize(r.Sources)))
	if len(r.Missing) == 0 {
		return s + "; nothing is known to be missing"
	}
	return s + "; may be missing: " + strings.Join(r.Missing, "; ")
}

// summarize names the current files one by one and the backups and their
// journals by count, newest first: the sentence stays one line.
func summarize(sources []string) []string {
	var out []string
	var backups []string
	journals, saves := 0, 0
	for _, src := range sources {
		switch {
		case !strings.HasPrefix(src, backupDir):
			out = append(out, src)
		case strings.Contains(src, ".vbj"):
			var n int
			fmt.Sscanf(src[strings.Index(src, "(")+1:], "%d", &n)
			journals, saves = journals+1, saves+max(n, 1)
		default:
			backups = append(backups, strings.TrimPrefix(src, backupDir+"/"))
		}
	}
	if len(backups) == 1 {
		out = append(out, "backup "+backups[0])
	} else if len(backups) > 1 {
		out = append(out, fmt.Sprintf("%d backups (the newest %s)", len(backups), backups[0]))
	}
	if journals > 0 {
		out = append(out, fmt.Sprintf("%s in the journals kept with them", plural(uint64(saves), "save", "saves")))
	}
	return out
}

func joinAnd(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// Recover rebuilds the vault in dir from every copy that still opens with
// password: the merge (package merge) of the snapshot, every backup, and
// every journal frame that authenticates, in the current journal and those
// kept beside the backups. With write false it only reports. Otherwise it
// sets the damaged files aside (renamed *.damaged-<time>, never deleted)
// and writes the merge as a new snapshot of a generation above every file
// seen, so no left-over journal is ever replayed onto it. A vault with
// nothing damaged is left as it is.
func Recover(dir string, password []byte, write bool) (*Report, error) {
	lk, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	defer unlockDir(lk)
	keys := newKeyCache(password)
	defer keys.wipe()
	p, err := gather(dir, keys)
	if err != nil {
		return nil, err
	}
	defer p.wipe()
	if !p.report.Damaged && !opens(dir, keys) {
		p.report.Damaged = true // damage only Open's stricter reading sees
	}
	if !write || !p.report.Damaged {
		return &p.report, nil
	}
	return &p.report, p.write()
}

// opens reports whether Open would open the vault, without writing: the
// same checks, no compaction.
func opens(dir string, keys *keyCache) bool {
	s := &Store{dir: dir, look: true}
	_, err := s.read(keys)
	s.dk.Wipe()
	return err == nil
}

// plan is what gather found: the merged contents and where they came from.
type plan struct {
	dir     string
	report  Report
	hdr     format.Header // password fields of a file that opened; the new generation
	dks     []*crypto.Key // data keys of the files that opened (normally one)
	ents    map[string]*model.Entity
	local   []byte
	newest  [2]uint64           // (generation, save) of local's source
	aside   []string            // paths to set aside, relative to dir
	refused map[string][16]byte // files whose key did not unwrap, by vault id
	err     error               // a file that can't be read for a fixable reason
	maxGen  uint64              // the highest generation of any file seen

	snapGen    uint64          // vault.vbv's generation, if its header reads
	curGen     uint64          // the current journal's generation, if it reads
	opened     bool            // vault.vbv opened
	backupGens map[uint64]bool // generations of the backups that opened
	journals   map[uint64]bool // generations of retired journals: whole or not
	stale      bool            // vault.vbv opened but is an older copy
	newerGen   uint64          // the generation of the newer one it replaced
}

// opened is a vault file that opened with the password.
type opened struct {
	name string
	hdr  format.Header
	dk   *crypto.Key
	p    format.Payload
}

// gather reads every source without changing anything. It fails with
// ErrWrongPassword if no vault file opens but one was refused by the
// password, and ErrNoVault if there is nothing to recover from.
func gather(dir string, keys *keyCache) (*plan, error) {
	p := &plan{dir: dir, ents: map[string]*model.Entity{}, refused: map[string][16]byte{},
		backupGens: map[uint64]bool{}, journals: map[uint64]bool{}}
	files := p.openVaultFiles(keys)
	if p.err != nil {
		return nil, p.err
	}
	id, ok := p.chooseVault(files)
	if !ok {
		if _, ok := p.refused[snapshotName]; ok && len(p.refused) == 1 {
			// No other copy was refused too, which would confirm it.
			return nil, &UnconfirmedError{Path: filepath.Join(dir, snapshotName)}
		}
		if len(p.refused) > 0 {
			return nil, ErrWrongPassword
		}
		return nil, fmt.Errorf("recovering %s: no copy of the vault opens: %w", dir, ErrNoVault)
	}
	for _, f := range files {
		if f.hdr.VaultID == id {
			p.addVaultFile(f)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(p.refused)) {
		// A file of this vault whose key won't unwrap: damaged, or under
		// another password. Either way it stays (vault.vbv as a backup).
		if p.refused[name] == id && name != snapshotName { // checkSnapshotCovered says that one
			p.report.Missing = append(p.report.Missing, fmt.Sprintf("whatever only %s holds (it does not open with this password)", name))
		}
	}
	p.readJournals(id)
	if p.err != nil {
		return nil, p.err
	}
	p.checkSnapshotCovered()
	p.hdr.Generation = max(p.maxGen, p.snapGen) + 1
	slices.Sort(p.aside)
	p.aside = slices.Compact(p.aside)
	p.report.SetAside = p.aside
	p.report.Damaged = p.stale || len(p.aside) > 0 || len(p.report.Missing) > 0
	p.report.Records = countRecords(p.ents)
	return p, nil
}

// unreadable notes a file that could not be read: a folder in its place
// is set aside; anything else (permissions) stops recovery with the cause.
func (p *plan) unreadable(name string, err error) {
	if errors.Is(err, ErrNotAFile) || errors.Is(err, ErrNotAFolder) {
		p.aside = append(p.aside, name)
		return
	}
	if p.err == nil {
		p.err = err
	}
}

func (p *plan) wipe() {
	for _, dk := range p.dks {
		dk.Wipe()
	}
}

// vaultFiles is vault.vbv and every backup, newest first. A backups folder
// that can't be listed is an error: recovering without it could report
// missing what is only unreadable.
func vaultFiles(dir string) ([]string, error) {
	names := []string{snapshotName}
	list, err := Backups(dir)
	for _, b := range list {
		names = append(names, filepath.Join(backupDir, b.Name))
	}
	return names, err
}

// openVaultFiles unseals every vault file it can. Damaged ones are marked
// to be set aside; those whose key does not unwrap are noted in refused.
func (p *plan) openVaultFiles(keys *keyCache) []opened {
	var files []opened
	names, err := vaultFiles(p.dir)
	if err != nil {
		p.unreadable(backupDir, err)
	}
	for _, name := range names {
		b, err := readFile("reading "+name, filepath.Join(p.dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			p.unreadable(name, err)
			continue
		}
		h, dk, pl, err := unseal(b, keys)
		if name == snapshotName && err == nil { // only then is it authenticated
			p.snapGen = h.Generation
		}
		switch {
		case err == nil:
			files = append(files, opened{name: name, hdr: h, dk: dk, p: pl})
		case errors.Is(err, ErrWrongPassword):
			p.refused[name] = h.VaultID
		default:
			p.aside = append(p.aside, name)
		}
	}
	return files
}

// chooseVault picks the vault to recover: vault.vbv's if any file of it
// opens, else the newest file that opens.
func (p *plan) chooseVault(files []opened) ([16]byte, bool) {
	if len(files) == 0 {
		return [16]byte{}, false
	}
	if b, err := readHead(filepath.Join(p.dir, snapshotName), format.MaxVaultHeader); err == nil {
		if h, err := format.ParseVaultHeader(b); err == nil {
			for _, f := range files {
				if f.hdr.VaultID == h.VaultID {
					return h.VaultID, true
				}
			}
		}
	}
	return files[0].hdr.VaultID, true
}

func (p *plan) addVaultFile(f opened) {
	if len(p.dks) == 0 {
		p.hdr = f.hdr // the password fields that wrap this data key
	}
	p.maxGen = max(p.maxGen, f.hdr.Generation)
	p.dks = append(p.dks, f.dk)
	p.use(f.name, f.p, [2]uint64{f.hdr.Generation, 0})
	if f.name == snapshotName {
		p.opened = true
	} else {
		p.backupGens[f.hdr.Generation] = true
	}
}

// use merges a source's entities in, and keeps its local state if it is
// the newest so far.
func (p *plan) use(name string, pl format.Payload, order [2]uint64) {
	for _, e := range pl.Entities {
		if m, _ := merge.Entity(p.ents[e.ID], e); m != nil {
			p.ents[e.ID] = m
		}
	}
	if p.local == nil || order[0] > p.newest[0] || (order[0] == p.newest[0] && order[1] >= p.newest[1]) {
		p.local, p.newest = pl.Local, order
	}
	if !slices.Contains(p.report.Sources, name) {
		p.report.Sources = append(p.report.Sources, name)
	}
}

// readJournals replays every frame that authenticates, from the current
// journal and the retired ones in backups/, and checks the current one
// against its commit.
func (p *plan) readJournals(id [16]byte) {
	names := []string{journalName}
	for _, j := range retiredJournals(filepath.Join(p.dir, backupDir)) {
		names = append(names, filepath.Join(backupDir, j.Name))
	}
	for _, name := range names {
		p.readJournal(name, id)
	}
}

func (p *plan) readJournal(name string, id [16]byte) {
	b, err := readFile("reading "+name, filepath.Join(p.dir, name))
	current := name == journalName
	if errors.Is(err, fs.ErrNotExist) {
		if current {
			p.checkCommit(format.JournalHeader{VaultID: id, Generation: p.snapGen}, nil, 0, "the file is gone")
		}
		return
	}
	if err != nil {
		p.unreadable(name, err)
		if current && (errors.Is(err, ErrNotAFile) || errors.Is(err, ErrNotAFolder)) {
			// Set aside unread: the commit says which saves that loses.
			p.checkCommit(format.JournalHeader{VaultID: id, Generation: p.snapGen}, nil, 0, "it is not a file")
		}
		return
	}
	j, err := format.ScanJournal(b)
	if err != nil || j.Header.VaultID != id {
		if current || err != nil {
			p.aside = append(p.aside, name)
			counted := current && p.checkCommit(format.JournalHeader{VaultID: id, Generation: p.snapGen}, nil, 0, "it does not read")
			if !counted {
				p.report.Missing = append(p.report.Missing, fmt.Sprintf("the saves in %s (it does not read)", name))
			}
		}
		return
	}
	got, bad := p.replayFrames(name, j)
	_, strict := format.ParseJournal(b) // what Open judges by
	if bad == len(j.Frames) {
		// Not one frame opens, so even the header's generation is unproven:
		// only the commit can say what the current journal held.
		cut := current && p.checkCommit(format.JournalHeader{VaultID: id, Generation: p.snapGen}, nil, 0, "cut off")
		if cut || strict != nil || bad > 0 {
			p.aside = append(p.aside, name)
		}
		return
	}
	tags := map[uint64][16]byte{}
	for _, f := range j.Frames {
		tags[f.Seq] = f.Tag()
	}
	damaged := bad > 0 || strict != nil
	if current {
		p.curGen = j.Header.Generation
		damaged = p.checkCommit(j.Header, tags, got, "cut off") || damaged
		if p.opened && p.curGen > p.snapGen {
			p.rolledBack(p.curGen)
		}
	} else {
		damaged = p.checkRetired(name, j.Header, tags, got) || damaged
		p.journals[j.Header.Generation] = !damaged
	}
	if damaged {
		p.aside = append(p.aside, name)
	}
}

// replayFrames merges the frames of j that open and returns the highest
// sequence number reached and how many frames failed to open.
func (p *plan) replayFrames(name string, j format.Journal) (last uint64, bad int) {
	n := 0
	for i, f := range j.Frames {
		pl, ok := p.openFrame(j.Header, f)
		if !ok && i == len(j.Frames)-1 && zeroTag(f.Sealed) {
			break // never completely written, like a torn frame
		}
		for s := last + 1; s < f.Seq; s++ {
			p.report.Missing = append(p.report.Missing, fmt.Sprintf("save %d of %s (damaged)", s, name))
		}
		last = f.Seq
		if !ok {
			bad++
			p.report.Missing = append(p.report.Missing, fmt.Sprintf("save %d of %s (damaged)", f.Seq, name))
			continue
		}
		n++
		p.use(name, pl, [2]uint64{j.Header.Generation, f.Seq})
	}
	if n > 0 { // the header's generation is authenticated by the frames
		i := slices.Index(p.report.Sources, name)
		p.report.Sources[i] = fmt.Sprintf("%s (%s)", name, plural(uint64(n), "save", "saves"))
		p.maxGen = max(p.maxGen, j.Header.Generation)
	}
	return last, bad
}

func (p *plan) openFrame(h format.JournalHeader, f format.Frame) (format.Payload, bool) {
	for _, dk := range p.dks {
		plain, err := dk.Open(f.Sealed, format.FrameAD(h, f.Seq))
		if err != nil {
			continue
		}
		pl, err := format.ParsePayload(plain)
		crypto.Zero(plain)
		return pl, err == nil
	}
	return format.Payload{}, false
}

// checkCommit compares the current journal (reached frame got) with the
// commit, reports saves cut off, and returns whether the journal is
// damaged. A journal of another generation than the commit's is not
// judged: one of them is left over from before a compaction.
func (p *plan) checkCommit(h format.JournalHeader, tags map[uint64][16]byte, got uint64, how string) bool {
	c, known, err := readCommit(filepath.Join(p.dir, commitName), h.VaultID, min(h.Generation, p.snapGen), p.dks)
	if errors.Is(err, ErrNoAccess) {
		p.unreadable(commitName, err)
		return false
	}
	if err != nil {
		p.aside = append(p.aside, commitName)
		p.report.Missing = append(p.report.Missing, "possibly the last saves of vault.vbj (vault.vbc, which vouches for them, is damaged)")
		return false
	}
	if known && p.opened && c.Generation > p.snapGen {
		p.rolledBack(c.Generation)
		return false
	}
	if !known && exists(filepath.Join(p.dir, journalName)) && commitExpected(p.dir, h.VaultID, h.Generation, p.dks) {
		p.report.Missing = append(p.report.Missing, "possibly the last saves of vault.vbj (vault.vbc, which vouches for them, is missing)")
		return true
	}
	if !known || c.Generation < h.Generation || (tags == nil && c.Generation < p.snapGen) {
		return false
	}
	if c.Generation > h.Generation && tags != nil {
		p.report.Missing = append(p.report.Missing, fmt.Sprintf("the %s of the journal of generation %d (vault.vbj is older)", plural(c.Seq, "save", "saves"), c.Generation))
		return true
	}
	if err := checkCut(c, got, func(s uint64) [16]byte { return tags[s] }); err != nil {
		cut := c.Seq - min(got, c.Seq)
		if cut == 0 {
			cut = 1
		}
		p.report.Missing = append(p.report.Missing, fmt.Sprintf("the last %s of vault.vbj (%s)", plural(cut, "save", "saves"), how))
		return true
	}
	return false
}

// checkRetired checks a journal kept beside a backup against the commit
// retired with it, when there is one: a journal cut short there would
// otherwise pass for whole. It returns whether the journal is damaged.
func (p *plan) checkRetired(name string, h format.JournalHeader, tags map[uint64][16]byte, got uint64) bool {
	c, known, err := readCommit(filepath.Join(p.dir, strings.TrimSuffix(name, ".vbj")+".vbc"), h.VaultID, h.Generation, p.dks)
	if err != nil || !known || c.Generation != h.Generation {
		return false // the journal's frames still count; only its end is unchecked
	}
	if checkCut(c, got, func(s uint64) [16]byte { return tags[s] }) != nil {
		p.report.Missing = append(p.report.Missing, fmt.Sprintf("the last %s of %s (cut off)", plural(max(c.Seq-min(got, c.Seq), 1), "save", "saves"), name))
		return true
	}
	return false
}

// checkSnapshotCovered reports what only a damaged or missing vault.vbv
// may have held. A snapshot of generation g is what compaction made of the
// backup of generation g-1 and that generation's journal, so if both are
// whole, nothing is missing. A vault.vbv that opens but is older than a
// backup or a retired journal is an old copy put back: the newer snapshot
// it replaced is judged the same way.
func (p *plan) checkSnapshotCovered() {
	newest, older := uint64(0), true
	for gen := range p.backupGens {
		newest, older = max(newest, gen), older && gen <= p.snapGen
	}
	for gen := range p.journals {
		newest, older = max(newest, gen), older && gen < p.snapGen
	}
	if !older {
		p.rolledBack(newest + 1)
	}
	g := p.snapGen
	switch {
	case p.opened && !p.stale:
		return
	case p.opened:
		g = p.newerGen
	case g == 0:
		g = max(p.curGen, newest+1)
	}
	if g > 0 && p.backupGens[g-1] && p.journals[g-1] {
		if !p.opened {
			p.aside = append(p.aside, snapshotName) // damaged or gone, and covered
		}
		return
	}
	if p.opened {
		p.report.Missing = append(p.report.Missing, fmt.Sprintf(
			"changes only in the newer vault.vbv of generation %d (an older copy, generation %d, is in its place)", g, p.snapGen))
		return
	}
	p.report.Missing = append(p.report.Missing, "changes saved only in vault.vbv, in no backup or journal")
}

// asideName is path+suffix, or path+suffix-2, -3... if that is taken: a
// rename must never replace a file kept aside earlier.
func asideName(path, suffix string) (string, error) {
	for n := 1; ; n++ {
		to := path + suffix
		if n > 1 {
			to = fmt.Sprintf("%s%s-%d", path, suffix, n)
		}
		free, err := freeName(filepath.Dir(to), filepath.Base(to))
		if err != nil || free {
			return to, err
		}
	}
}

// rolledBack notes a vault.vbv older than its journal or backups: a copy
// put back from elsewhere. It is not damaged, so it stays (as a backup);
// checkSnapshotCovered judges whether the newer snapshot it replaced held
// changes no other file has.
func (p *plan) rolledBack(gen uint64) {
	p.stale, p.newerGen = true, max(p.newerGen, gen)
}

func countRecords(ents map[string]*model.Entity) int {
	n := 0
	for _, e := range ents {
		if e.Kind == model.KindRecord && e.Alive() {
			n++
		}
	}
	return n
}

// write sets the damaged files aside and writes the merge as the snapshot.
func (p *plan) write() error {
	suffix := ".damaged-" + now().UTC().Format(stampLayout)
	if slices.Contains(p.aside, journalName) && !slices.Contains(p.aside, commitName) {
		p.aside = append(p.aside, commitName) // the evidence of what was cut
	}
	p.report.SetAside = nil
	for _, name := range p.aside {
		to, err := asideName(filepath.Join(p.dir, name), suffix)
		if err == nil {
			err = rename(filepath.Join(p.dir, name), to)
		}
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fsErr("setting "+name+" aside", err)
		}
		rel, _ := filepath.Rel(p.dir, to)
		p.report.SetAside = append(p.report.SetAside, rel)
	}
	syncDir(p.dir)
	syncDir(filepath.Join(p.dir, backupDir))
	s := &Store{dir: p.dir, dk: p.dks[0], hdr: p.hdr}
	all := make([]*model.Entity, 0, len(p.ents))
	for _, e := range p.ents {
		all = append(all, e)
	}
	slices.SortFunc(all, func(a, b *model.Entity) int { return strings.Compare(a.ID, b.ID) })
	if err := s.writeSnapshot(p.hdr, format.Payload{Entities: all, Local: p.local}, s.keepBackup); err != nil {
		return fsErr("writing the recovered vault", err)
	}
	return nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
