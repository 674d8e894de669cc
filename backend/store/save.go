package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
	"vaultbar/backend/model"
)

// Journal size bounds for NeedsCompaction.
const (
	minCompact = 64 << 10
	maxCompact = 4 << 20
)

// Append saves changed entities and the latest local state as one journal
// frame, fsynced before it returns: once Append returns nil, the save
// survives a crash. On failure the journal is cut back to its last good
// frame and nothing is lost but this save.
func (s *Store) Append(changed []*model.Entity, local []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dk == nil {
		return ErrClosed
	}
	if s.broken != nil {
		return fmt.Errorf("saving the vault: an earlier save failed part-way, so the vault must be rewritten in full (Compact) first: %w", s.broken)
	}
	if s.journal == nil {
		if err := s.startJournal(); err != nil {
			return fsErr("saving the vault", err)
		}
	}
	jh := format.JournalHeader{VaultID: s.hdr.VaultID, Generation: s.hdr.Generation}
	plain := format.AppendPayload(nil, format.Payload{Entities: changed, Local: local})
	sealed := s.dk.Seal(plain, format.FrameAD(jh, s.seq+1))
	crypto.Zero(plain)
	frame := format.AppendFrame(nil, format.Frame{Generation: jh.Generation, Seq: s.seq + 1, Sealed: sealed})
	err := write(s.journal, frame)
	if err == nil {
		err = syncAppend(s.journal)
	}
	if err != nil {
		if terr := s.truncateJournal(); terr != nil {
			s.broken = terr
		}
		return fsErr("saving the vault", err)
	}
	s.seq++
	s.jsize += int64(len(frame))
	if err := s.writeCommit(s.seq, format.Frame{Sealed: sealed}.Tag()); err != nil {
		// The frame is in the journal, but nothing vouches for it; the
		// next save can't either, so ask for a compaction.
		s.broken = err
		return fsErr("saving the vault", err)
	}
	return nil
}

// NeedsCompaction reports that the caller should call Compact: the journal
// outgrew its share of the snapshot, a failed save left it unusable, or
// folding it in when the vault was opened failed.
func (s *Store) NeedsCompaction() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	limit := min(max(s.snapSize/4, minCompact), maxCompact)
	return s.broken != nil || s.retry || s.jsize > limit
}

// Compact writes all (every entity) and local as a new snapshot and empties
// the journal. The snapshot it replaces becomes a backup.
func (s *Store) Compact(all []*model.Entity, local []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dk == nil {
		return ErrClosed
	}
	return s.compact(all, local)
}

func (s *Store) compact(all []*model.Entity, local []byte) error {
	h := s.hdr
	h.Generation++
	if err := s.writeSnapshot(h, format.Payload{Entities: all, Local: local}, s.keepBackup); err != nil {
		return fsErr("saving the vault", err)
	}
	s.hdr, s.retry = h, false
	s.retireJournal()
	rotateBackups(s.dir, h.VaultID)
	return nil
}

// keepBackup gives the snapshot about to be replaced a second name under
// backups/. A hard link copies nothing, and the rename that follows
// leaves the old file alive under that name.
func (s *Store) keepBackup() error {
	from := s.path(snapshotName)
	if _, err := os.Lstat(from); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	dir := filepath.Join(s.dir, backupDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	name, err := newBackupName(dir)
	if err != nil {
		return err
	}
	if err := link(from, filepath.Join(dir, name)); err != nil {
		return err
	}
	s.lastBackup = name
	return syncDir(dir)
}
