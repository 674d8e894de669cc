package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
	"vaultbar/backend/model"
)

// replay applies the journal's frames to c, then folds them into a new
// snapshot so the next session starts with an empty journal.
func (s *Store) replay(c *Contents, keys *keyCache) error {
	path := s.path(journalName)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading the journal: %w", err)
	}
	j, err := format.ParseJournal(b)
	switch {
	case errors.Is(err, format.ErrNewerVersion):
		return fmt.Errorf("%s: %w", path, err)
	case errors.Is(err, format.ErrTruncated):
		// Cut inside its header: the journal never held a frame.
		s.resetJournal()
		return nil
	case err != nil:
		return s.damaged(path, err, keys)
	case j.Header.VaultID != s.hdr.VaultID:
		return s.damaged(path, fmt.Errorf("it belongs to another vault: %w", format.ErrCorrupt), keys)
	case j.Header.Generation != s.hdr.Generation:
		return s.staleJournal(j.Header.Generation)
	}
	good, err := s.apply(c, j, path, keys)
	if err != nil {
		return err
	}
	if good == 0 {
		s.resetJournal()
		return nil
	}
	if err := s.compact(c.Entities, c.Local); err != nil {
		// The vault still opens; saves go on in the journal.
		s.retry = true
		s.resume(len(b)-j.Torn-droppedBytes(j, good), uint64(good))
	}
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

// staleJournal handles a journal of another generation. One older than the
// snapshot is what a crash between writing a snapshot and deleting the
// journal leaves: the snapshot already holds it. A newer one can't come from
// Vaultbar's own steps, so it is set aside, not deleted.
func (s *Store) staleJournal(gen uint64) error {
	if gen < s.hdr.Generation {
		s.resetJournal()
		return nil
	}
	aside := s.path(journalName + ".stale-" + time.Now().UTC().Format(stampLayout))
	if err := rename(s.path(journalName), aside); err != nil {
		return fsErr("setting aside a journal that does not fit the vault", err)
	}
	return nil
}

// startJournal begins an empty journal for the current generation. The
// header is written atomically, so a journal file is never half a header.
func (s *Store) startJournal() error {
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
// cutting off a torn tail first.
func (s *Store) resume(size int, seq uint64) {
	f, err := os.OpenFile(s.path(journalName), os.O_WRONLY|os.O_APPEND, 0)
	if err == nil {
		s.journal, s.jsize, s.seq = f, int64(size), seq
		err = s.truncateJournal()
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

// resetJournal deletes the journal once a snapshot holds its frames. A
// failure is harmless: the left-over journal is of an older generation, so
// it is ignored and replaced.
func (s *Store) resetJournal() {
	if s.journal != nil {
		s.journal.Close()
	}
	s.journal, s.jsize, s.seq, s.broken = nil, 0, 0, nil
	if err := remove(s.path(journalName)); err == nil {
		syncDir(s.dir)
	}
}
