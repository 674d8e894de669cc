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
// frame, fsynced before it returns, then records in the commit file that
// the journal holds it: once Append returns nil, the save survives a crash
// and a journal cut short is noticed. On failure the journal is cut back to
// its last good frame and nothing is lost but this save.
func (s *Store) Append(changed []*model.Entity, local []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ready(); err != nil {
		return err
	}
	if err := s.appendFrame(changed, local); err != nil {
		return fsErr("saving the vault", err)
	}
	if err := s.writeCommit(s.seq, s.lastTag); err != nil {
		// The frame is in the journal, and the commit one save behind,
		// which opening accepts. The next save rewrites the commit whole.
		s.commit.Close()
		s.commit = nil
		return fsErr("saving the vault", err)
	}
	return nil
}

// ready checks that the store can save, and starts the journal, or
// rewrites a commit file a failed save left behind.
func (s *Store) ready() error {
	var err error
	switch {
	case s.dk == nil:
		return ErrClosed
	case s.broken != nil:
		return fmt.Errorf("saving the vault: an earlier save failed part-way, so the vault must be rewritten in full (Compact) first: %w", s.broken)
	case s.journal == nil && s.resumeAt != nil:
		last := *s.resumeAt
		s.resumeAt = nil
		if s.resume(int(s.jsize), last); s.broken != nil {
			return fmt.Errorf("saving the vault: the journal could not be reopened, so the vault must be rewritten in full (Compact) first: %w", s.broken)
		}
	case s.journal == nil:
		err = s.startJournal()
	case s.commit == nil:
		err = s.restartCommit()
	}
	if err != nil {
		return fsErr("saving the vault", err)
	}
	return nil
}

// appendFrame writes one sealed frame to the journal and syncs it; on
// failure it cuts the journal back to its last good frame.
func (s *Store) appendFrame(changed []*model.Entity, local []byte) error {
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
		return err
	}
	s.seq, s.lastTag = s.seq+1, format.Frame{Sealed: sealed}.Tag()
	s.jsize += int64(len(frame))
	return nil
}

// NeedsCompaction reports that the caller should call Compact: the journal
// outgrew its share of the snapshot, a failed save left it unusable, or it
// holds saves of an earlier session (folded in at this session's first save,
// as a backup of each edited version is then kept; never at open, which
// only reads).
func (s *Store) NeedsCompaction() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	limit := min(max(s.snapSize/4, minCompact), maxCompact)
	return s.broken != nil || s.carried || s.jsize > limit
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
	s.hdr = h
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
