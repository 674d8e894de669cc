package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
)

// commitName is the commit file: how many frames the journal held when the
// last save returned (see format.Commit). Without it a journal cut short,
// emptied or deleted could not be told from a shorter one.
const commitName = "vault.vbc"

// startCommit writes a commit for an empty journal of the current
// generation, atomically, and opens it for the saves to come.
func (s *Store) startCommit() error {
	s.lastTag = [16]byte{}
	return s.restartCommit()
}

// restartCommit writes the commit file whole for the journal as it stands
// (s.seq frames, the last with tag s.lastTag) and opens it.
func (s *Store) restartCommit() error {
	slot := s.commitSlot(s.seq, s.lastTag)
	if err := writeAtomic(s.dir, commitName, nil, slot, slot); err != nil {
		return err
	}
	f, err := os.OpenFile(s.path(commitName), os.O_RDWR, 0)
	if err != nil {
		return err
	}
	s.commit = f
	return nil
}

func (s *Store) commitSlot(seq uint64, last [16]byte) []byte {
	c := format.Commit{VaultID: s.hdr.VaultID, Generation: s.hdr.Generation, Seq: seq, Last: last}
	c.Sealed = s.dk.Seal(nil, format.CommitAD(c))
	return format.AppendCommit(nil, c)
}

// writeCommit records that the journal now ends with frame seq, whose tag is
// last. It overwrites the slot of the save before last, so a torn write
// leaves the previous save's slot.
//
// It is not synced: the journal's frame already is, so the commit can never
// be ahead of what is durable, only behind it after a power cut (which
// loses none of the saves it lags, only the check on them). Every process
// sees the page cache, so a journal cut, emptied or deleted while the
// machine runs is always caught. Close syncs it, and the kernel writes it
// back within seconds anyway. This keeps a save to one flush of the disk.
func (s *Store) writeCommit(seq uint64, last [16]byte) error {
	if err := check("write", s.commit.Name()); err != nil {
		return err
	}
	off := int64(seq%2) * format.CommitSlotSize
	_, err := s.commit.WriteAt(s.commitSlot(seq, last), off)
	return err
}

// readCommit reads the commit file with the data keys dks, for a journal
// of generation gen or later: slots of older generations are left over
// from before a compaction (perhaps under a key a password change
// replaced) and say nothing. A missing file is unknown (vaults from before
// it existed have none); one where no current slot authenticates is damage.
func readCommit(path string, id [16]byte, gen uint64, dks []*crypto.Key) (format.Commit, bool, error) {
	b, err := readFile("reading the commit file", path)
	if errors.Is(err, fs.ErrNotExist) {
		return format.Commit{}, false, nil
	}
	if err != nil {
		return format.Commit{}, false, err
	}
	var best format.Commit
	found, current := false, len(b) != 2*format.CommitSlotSize // it is always written whole
	for i := 0; i+format.CommitSlotSize <= len(b) && i < 2*format.CommitSlotSize; i += format.CommitSlotSize {
		c, err := format.ParseCommit(b[i : i+format.CommitSlotSize])
		if errors.Is(err, format.ErrNewerVersion) {
			return c, false, fmt.Errorf("%s: %w", path, err)
		}
		if err == nil && c.VaultID == id && c.Generation < gen {
			continue
		}
		current = true
		if err != nil || c.VaultID != id || !opensWith(dks, c) {
			continue
		}
		if !found || c.Generation > best.Generation || (c.Generation == best.Generation && c.Seq > best.Seq) {
			best, found = c, true
		}
	}
	if !found && current {
		return best, false, fmt.Errorf("%s: no part of it authenticates: %w", filepath.Base(path), format.ErrCorrupt)
	}
	return best, found, nil
}

func opensWith(dks []*crypto.Key, c format.Commit) bool {
	for _, dk := range dks {
		if _, err := dk.Open(c.Sealed, format.CommitAD(c)); err == nil {
			return true
		}
	}
	return false
}

// checkCut compares a journal of frames good frames (the last with tag
// last) with the commit: fewer frames than the commit vouches for, or a
// different last frame, means acknowledged saves were cut off.
func checkCut(c format.Commit, good uint64, tagOf func(seq uint64) [16]byte) error {
	switch {
	case good < c.Seq:
		return fmt.Errorf("its last %s cut off: %w", plural(c.Seq-good, "save was", "saves were"), format.ErrTruncated)
	case c.Seq > 0 && tagOf(c.Seq) != c.Last:
		return fmt.Errorf("save %d is not the one that was saved: %w", c.Seq, format.ErrCorrupt)
	}
	return nil
}

func plural(n uint64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// syncAppend makes an appended frame durable: fdatasync also commits the
// file's new size (the data can't be read back without it), and skips only
// the modification time.
func syncAppend(f *os.File) error {
	if err := check("sync", f.Name()); err != nil {
		return err
	}
	return syncData(f)
}
