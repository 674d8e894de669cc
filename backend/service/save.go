package service

import (
	"fmt"

	"vaultbar/backend/model"
)

// save appends the entities with ids, and any left over from a save that
// failed, to the vault's journal together with the device state. It is
// called with s.mu held.
//
// If the append fails (a full disk, say) the edit stays in memory and in
// s.pending, and the next save writes it; the caller still returns the
// error, so the person knows it is not on disk yet.
func (s *VaultService) save(ids []string) error {
	for _, id := range ids {
		s.pending[id] = struct{}{}
	}
	var ents []*model.Entity
	for _, id := range sortedKeys(s.pending) {
		if e := s.vault.Entity(id); e != nil {
			ents = append(ents, e)
		}
	}
	// Saves of an earlier session are folded in now, not when the vault
	// was opened: a session that only reads, or whose input is refused,
	// changes no file.
	s.compactIfDue()
	if err := s.file.Append(ents, s.localBlob()); err != nil {
		return fmt.Errorf("save the vault: %w", err)
	}
	clear(s.pending)
	s.compactIfDue()
	return nil
}

// compactIfDue rewrites the vault file when the store says its journal has
// grown enough. A failure loses nothing (the journal holds every edit), so
// it is only retried at the next save.
func (s *VaultService) compactIfDue() {
	if !s.file.NeedsCompaction() {
		return
	}
	_ = s.file.Compact(s.vault.Entities(), s.localBlob())
}

// localBlob is the device state as it stands now.
func (s *VaultService) localBlob() []byte {
	l := s.state
	l.Clock = s.vault.Clock().Last()
	l.Dirty = s.vault.Dirty()
	return l.encode()
}
