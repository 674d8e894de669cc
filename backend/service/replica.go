package service

import (
	"fmt"

	"vaultbar/backend/merge"
	"vaultbar/backend/model"
)

// The syncer.Replica methods. The sync engine calls them from its own
// goroutine; they take the same lock as the user's edits.

// DeviceID implements syncer.Replica. It is known once the vault has been
// created or unlocked in this process, and stays known after locking.
func (s *VaultService) DeviceID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.deviceID
}

// Unpublished implements syncer.Replica: copies of the entities edited here
// and not yet published. It returns nil while locked.
func (s *VaultService) Unpublished() []*model.Entity {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.vault == nil {
		return nil
	}
	var out []*model.Entity
	for _, id := range s.vault.Dirty() {
		if e := s.vault.Entity(id); e != nil {
			out = append(out, e.Clone())
		}
	}
	return out
}

// MarkPublished implements syncer.Replica. An entity edited again after its
// copy was taken has a later Modified stamp and stays unpublished.
func (s *VaultService) MarkPublished(published []*model.Entity) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.vault == nil {
		return ErrVaultLocked
	}
	for _, p := range published {
		if e := s.vault.Entity(p.ID); e != nil && e.Modified() == p.Modified() {
			s.vault.MarkClean(p.ID)
		}
	}
	return s.save(nil)
}

// All implements syncer.Replica: copies of every entity, deleted ones and
// the built-in seed included. It returns nil while locked.
func (s *VaultService) All() []*model.Entity {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.vault == nil {
		return nil
	}
	ents := s.vault.Entities()
	for i, e := range ents {
		ents[i] = e.Clone()
	}
	return ents
}

// Apply implements syncer.Replica: it merges another device's entities,
// saves those that changed and announces them as FromSync.
func (s *VaultService) Apply(remote []*model.Entity) ([]string, error) {
	s.mu.Lock()
	changed, c, err := s.apply(remote)
	s.mu.Unlock()
	if !c.Empty() {
		s.hub.publish(c)
	}
	return changed, err
}

func (s *VaultService) apply(remote []*model.Entity) ([]string, Change, error) {
	if s.vault == nil {
		return nil, Change{}, ErrVaultLocked
	}
	changed := merge.Into(s.vault, remote)
	if len(changed) == 0 {
		return nil, Change{}, nil
	}
	c := s.changeOf(FromSync, changed)
	if err := s.save(changed); err != nil {
		return changed, c, fmt.Errorf("merge from sync: %w", err)
	}
	return changed, c, nil
}

// SyncState implements syncer.Replica. It returns nil while locked.
func (s *VaultService) SyncState() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]byte(nil), s.state.SyncState...)
}

// SaveSyncState implements syncer.Replica.
func (s *VaultService) SaveSyncState(state []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.vault == nil {
		return ErrVaultLocked
	}
	s.state.SyncState = append([]byte(nil), state...)
	return s.save(nil)
}
