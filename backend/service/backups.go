package service

import (
	"fmt"

	"vaultbar/backend/store"
)

// Backups lists the saved copies of the vault file, newest first. It works
// while the vault is locked.
func (s *VaultService) Backups() ([]Backup, error) {
	bs, err := s.backups()
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	return bs, nil
}

func (s *VaultService) backups() ([]Backup, error) {
	bs, err := store.Backups(vaultDir(s.home))
	if err != nil {
		return nil, err
	}
	out := make([]Backup, len(bs))
	for i, b := range bs {
		out[i] = Backup{Name: b.Name, Time: b.Time, Size: b.Size}
	}
	return out, nil
}

// RestoreBackup replaces the vault with the named backup, which must open
// with password (the store rewraps backups when the password changes). The
// replaced files are kept beside the vault. The vault is locked first and
// left unlocked with the restored contents.
func (s *VaultService) RestoreBackup(name string, password []byte) error {
	s.mu.Lock()
	c, err := s.restoreBackup(name, password)
	s.mu.Unlock()
	if c.Origin != "" {
		s.hub.publish(c)
	}
	return err
}

func (s *VaultService) restoreBackup(name string, password []byte) (Change, error) {
	was := s.vault != nil
	s.closeLocked()
	locked := Change{Origin: FromLockState, Locked: true}
	if err := store.RestoreBackup(vaultDir(s.home), name, password); err != nil {
		if was {
			return locked, fmt.Errorf("restore backup %s: %w", name, err)
		}
		return Change{}, fmt.Errorf("restore backup %s: %w", name, err)
	}
	if _, err := s.unlock(password); err != nil {
		return locked, fmt.Errorf("open the restored vault: %w", err)
	}
	return Change{Origin: FromRestore}, nil
}
