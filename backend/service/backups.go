package service

import (
	"errors"
	"fmt"

	"vaultbar/backend/model"
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

// PreviewRestore says what RestoreBackup(name, password) would change,
// changing nothing. The vault must be unlocked.
func (s *VaultService) PreviewRestore(name string, password []byte) (RestoreSummary, error) {
	backup, err := s.readBackup(name, password)
	if err != nil {
		return RestoreSummary{}, err
	}
	var sum RestoreSummary
	err = s.read(func(v *model.Vault) error {
		sum = planRestore(v, backup).summary(name)
		return nil
	})
	return sum, err
}

// RestoreBackup brings every record, group and type back to its state in
// backup name, which must open with the login password. It does so as
// new edits of this device, saved and announced like any other: the values
// they replace stay in each record's history, entities deleted since the
// backup come back, and entities made since are moved to the deleted
// records (restorable one by one). Sync then carries the restore to every
// other device. The vault stays unlocked and keeps its device state.
func (s *VaultService) RestoreBackup(name string, password []byte) (RestoreSummary, error) {
	backup, err := s.readBackup(name, password)
	if err != nil {
		return RestoreSummary{}, err
	}
	var sum RestoreSummary
	err = s.edit(func(v *model.Vault) ([]string, error) {
		p := planRestore(v, backup)
		sum = p.summary(name)
		return p.apply(v), nil
	})
	if err != nil {
		return sum, fmt.Errorf("restore backup: %w", err)
	}
	return sum, nil
}

// readBackup opens a backup as a vault of its own (on top of the seed, as
// every vault loads) without taking the vault's lock: the key derivation
// is slow and edits and sync go on meanwhile.
func (s *VaultService) readBackup(name string, password []byte) (*model.Vault, error) {
	if s.Locked() {
		return nil, ErrVaultLocked
	}
	ents, err := store.ReadBackup(vaultDir(s.home), name, password)
	if errors.Is(err, model.ErrNotFound) {
		return nil, err // "no backup named X" already says all
	}
	if err != nil {
		return nil, fmt.Errorf("read the backup: %w", err)
	}
	return model.Load(model.NewClock("backup", model.Stamp{}, nil), ents), nil
}

// ReplaceWithBackup makes backup name the vault file itself, for a vault
// that does not open because it is damaged (RestoreBackup needs an open
// vault to edit). The current files are kept beside it as
// vault.*.damaged-<time>; nothing is deleted. The vault is left unlocked
// with the backup's contents, device state included, so edits this device
// published after the backup are not brought back by sync: prefer
// RestoreBackup whenever the vault opens.
func (s *VaultService) ReplaceWithBackup(name string, password []byte) error {
	if _, err := store.ReadBackup(vaultDir(s.home), name, password); err != nil {
		if errors.Is(err, model.ErrNotFound) {
			return err
		}
		return fmt.Errorf("read the backup: %w", err)
	}
	s.mu.Lock()
	c, err := s.replaceWithBackup(name, password)
	s.mu.Unlock()
	if c.Origin != "" {
		s.hub.publish(c)
	}
	return err
}

func (s *VaultService) replaceWithBackup(name string, password []byte) (Change, error) {
	was := s.vault != nil
	s.closeLocked()
	locked := Change{}
	if was {
		locked = Change{Origin: FromLockState, Locked: true}
	}
	if err := store.RestoreBackup(vaultDir(s.home), name, password); err != nil {
		return locked, fmt.Errorf("replace the vault with the backup: %w", err)
	}
	if _, err := s.unlock(password); err != nil {
		return locked, fmt.Errorf("open the restored vault: %w", err)
	}
	return Change{Origin: FromRestore}, nil
}
