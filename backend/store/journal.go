package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
	"vaultbar/backend/model"
)

// replay applies the journal's frames to c and notes where the next save
// goes; it writes nothing (a torn tail is cut by the first Append). The commit
// file says how many frames the journal must hold, so a journal cut short,
// emptied or deleted is damage, not a shorter journal.
func (s *Store) replay(c *Contents, keys *keyCache) error {
	path := s.path(journalName)
	cm, known, err := readCommit(s.path(commitName), s.hdr.VaultID, s.hdr.Generation, []*crypto.Key{s.dk})
	switch {
	case errors.Is(err, format.ErrCorrupt):
		return s.damaged(s.path(commitName), err, keys)
	case err != nil:
		return err
	case known && cm.Generation > s.hdr.Generation:
		return s.damaged(s.path(snapshotName), fmt.Errorf("it is older than its journal (generation %d, the journal's %d): %w",
			s.hdr.Generation, cm.Generation, format.ErrCorrupt), keys)
	}
	known = known && cm.Generation == s.hdr.Generation
	b, err := readFile("reading the journal", path)
	if errors.Is(err, fs.ErrNotExist) {
		if known && cm.Seq > 0 {
			return s.damaged(path, fmt.Errorf("the file is missing, and with it the last %s: %w", plural(cm.Seq, "save", "saves"), format.ErrTruncated), keys)
		}
		return nil
	}
	if err != nil {
		return err
	}
	j, err := format.ParseJournal(b)
	switch {
	case errors.Is(err, format.ErrNewerVersion):
		return fmt.Errorf("%s: %w", path, err)
	case err != nil:
		// The header is written atomically, so even a journal cut inside
		// it is damage, not a crash.
		return s.damaged(path, err, keys)
	case j.Header.VaultID != s.hdr.VaultID:
		return s.damaged(path, fmt.Errorf("it belongs to another vault: %w", format.ErrCorrupt), keys)
	case j.Header.Generation < s.hdr.Generation && known && cm.Seq > 0:
		return s.damaged(path, fmt.Errorf("it is an older journal (generation %d), and the last %s of this one are gone: %w",
			j.Header.Generation, plural(cm.Seq, "save", "saves"), format.ErrTruncated), keys)
	case j.Header.Generation < s.hdr.Generation:
		if !s.look {
			s.retireJournal() // a crash after compaction: the snapshot holds it
		}
		return nil
	case j.Header.Generation > s.hdr.Generation:
		return s.damaged(s.path(snapshotName), fmt.Errorf("it is older than its journal (generation %d, the journal's %d): %w",
			s.hdr.Generation, j.Header.Generation, format.ErrCorrupt), keys)
	}
	if !known && commitExpected(s.dir, s.hdr.VaultID, s.hdr.Generation, []*crypto.Key{s.dk}) {
		return s.damaged(s.path(commitName), fmt.Errorf("the file is missing, so saves cut off the end of the journal would go unnoticed: %w", format.ErrTruncated), keys)
	}
	good, err := s.apply(c, j, path, keys)
	if err != nil {
		return err
	}
	if known {
		if err := checkCut(cm, uint64(good), func(seq uint64) [16]byte { return j.Frames[seq-1].Tag() }); err != nil {
			return s.damaged(path, err, keys)
		}
	}
	if s.look {
		return nil
	}
	if good == 0 {
		// A crash right after a new journal's header: nothing to keep, and
		// the first save writes a fresh journal over it. Retiring it here
		// would write on open, and a retired journal of the snapshot's own
		// generation makes the next open take vault.vbv for an older copy.
		return nil
	}
	last := j.Frames[good-1]
	s.resumeAt, s.jsize, s.carried = &last, int64(len(b)-j.Torn-droppedBytes(j, good)), true
	return nil
}

// apply replays j's frames onto c and returns how many applied. A last frame
// whose tag is all zeros was never completely written (the file grew but its
// data didn't reach the disk), so it is dropped like a torn frame.
func (s *Store) apply(c *Contents, j format.Journal, path string, keys *keyCache) (int, error) {
	at := make(map[string]int, len(c.Entities))
	for i, e := range c.Entities {
		at[e.ID] = i
	}
	for i, f := range j.Frames {
		plain, err := s.dk.Open(f.Sealed, format.FrameAD(j.Header, f.Seq))
		if err != nil {
			if i == len(j.Frames)-1 && zeroTag(f.Sealed) {
				return i, nil
			}
			return 0, s.damaged(path, fmt.Errorf("save %d does not authenticate: %w", f.Seq, format.ErrCorrupt), keys)
		}
		p, err := format.ParsePayload(plain)
		crypto.Zero(plain)
		if err != nil {
			return 0, s.damaged(path, fmt.Errorf("save %d: %w", f.Seq, err), keys)
		}
		for _, e := range p.Entities {
			c.Entities = put(c.Entities, at, e)
		}
		c.Local = p.Local
	}
	return len(j.Frames), nil
}

func put(ents []*model.Entity, at map[string]int, e *model.Entity) []*model.Entity {
	if i, ok := at[e.ID]; ok {
		ents[i] = e
		return ents
	}
	at[e.ID] = len(ents)
	return append(ents, e)
}

func zeroTag(sealed []byte) bool {
	tag := sealed[max(0, len(sealed)-16):]
	for _, c := range tag {
		if c != 0 {
			return false
		}
	}
	return true
}

// droppedBytes is the size of the frames after the first good ones.
func droppedBytes(j format.Journal, good int) int {
	n := 0
	for _, f := range j.Frames[good:] {
		n += len(format.AppendFrame(nil, format.Frame{})) + len(f.Sealed)
	}
	return n
}

// startJournal begins an empty journal for the current generation, with
// its commit. Both are written atomically, so a journal file is never half
// a header: a journal cut inside its header is damage, not a crash.
func (s *Store) startJournal() error {
	s.seq = 0
	if err := s.startCommit(); err != nil {
		return err
	}
	hdr := format.AppendJournalHeader(nil, format.JournalHeader{VaultID: s.hdr.VaultID, Generation: s.hdr.Generation})
	if err := writeAtomic(s.dir, journalName, nil, hdr); err != nil {
		return err
	}
	f, err := os.OpenFile(s.path(journalName), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	s.journal, s.jsize, s.seq, s.broken = f, int64(len(hdr)), 0, nil
	return nil
}

// resume keeps appending to the journal after its first size good bytes,
// cutting off a torn tail first, and vouches for last, its last good frame,
// in a fresh commit (the old one may predate the commit file).
func (s *Store) resume(size int, last format.Frame) {
	f, err := os.OpenFile(s.path(journalName), os.O_WRONLY|os.O_APPEND, 0)
	if err == nil {
		s.journal, s.jsize, s.seq = f, int64(size), last.Seq
		err = s.truncateJournal()
	}
	if err == nil {
		s.lastTag = last.Tag()
		err = s.restartCommit()
	}
	if err != nil {
		s.broken = err
	}
}

func (s *Store) truncateJournal() error {
	if err := check("truncate", s.journal.Name()); err != nil {
		return err
	}
	if err := s.journal.Truncate(s.jsize); err != nil {
		return err
	}
	return syncFile(s.journal)
}

// closeJournal forgets the open journal and commit.
func (s *Store) closeJournal() {
	if s.journal != nil {
		s.journal.Close()
	}
	if s.commit != nil {
		syncData(s.commit) // see writeCommit
		s.commit.Close()
	}
	s.journal, s.commit, s.jsize, s.seq, s.broken, s.resumeAt, s.carried = nil, nil, 0, 0, nil, nil, false
}

// retireJournal moves the journal into backups/ once a snapshot holds its
// frames, next to the backup of the snapshot it extended, so that if the
// new snapshot is ever damaged, that backup and this journal rebuild it.
// Rotation deletes it with its backup. A failure is harmless: the left-over
// journal is of an older generation, so the next open retires it again.
func (s *Store) retireJournal() {
	s.closeJournal()
	if _, err := os.Lstat(s.path(journalName)); err != nil {
		return
	}
	to, err := s.retiredName()
	if err != nil {
		return
	}
	if err := rename(s.path(journalName), to); err != nil {
		return
	}
	// The commit goes with it: it vouches for the journal's length there too.
	rename(s.path(commitName), strings.TrimSuffix(to, ".vbj")+".vbc")
	syncDir(s.dir)
	syncDir(filepath.Dir(to))
}

// retiredName is where the journal goes: beside the backup this session's
// compaction made, or else as a journal of its own, named like a backup
// made now.
func (s *Store) retiredName() (string, error) {
	dir := filepath.Join(s.dir, backupDir)
	if s.lastBackup != "" {
		base := strings.TrimSuffix(s.lastBackup, ".vbv")
		if free, _ := freeName(dir, base+".vbj", base+".vbc"); free {
			return filepath.Join(dir, base+".vbj"), nil
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	name, err := newBackupName(dir)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, strings.TrimSuffix(name, ".vbv")+".vbj"), nil
}

// commitExpected reports that the journal of generation gen of vault id
// must have a commit file in dir: it is missing, and a commit file retired
// beside a backup of an earlier generation shows that this vault's snapshot
// was written by a build that starts every journal with one. Without that,
// the vault may date from before commit files, and a missing one is no
// damage.
func commitExpected(dir string, id [16]byte, gen uint64, dks []*crypto.Key) bool {
	if _, err := os.Lstat(filepath.Join(dir, commitName)); !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	bdir := filepath.Join(dir, backupDir)
	for _, j := range retiredJournals(bdir) {
		path := filepath.Join(bdir, strings.TrimSuffix(j.Name, ".vbj")+".vbc")
		cm, ok, err := readCommit(path, id, 0, dks)
		if err == nil && ok && cm.Generation < gen {
			return true
		}
	}
	return false
}
