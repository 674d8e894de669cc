package service

import (
	"errors"
	"fmt"
	"path/filepath"

	"vaultbar/backend/model"
	"vaultbar/backend/store"
)

// Exists reports whether there is a vault in the data folder: its snapshot
// file, vault.vbv, or anything else of one (a journal, backups) that a new
// vault would bury. Unlocking one without vault.vbv reports it damaged.
func (s *VaultService) Exists() bool {
	return store.Present(vaultDir(s.home)).Any()
}

// Create makes a new vault protected by the login password, with a new
// device id, and leaves it unlocked.
func (s *VaultService) Create(password []byte) error {
	if len(password) == 0 {
		return ErrEmptyPassword
	}
	s.mu.Lock()
	c, err := s.create(password)
	s.mu.Unlock()
	if err == nil {
		s.hub.publish(c)
	}
	return err
}

func (s *VaultService) create(password []byte) (Change, error) {
	if s.Exists() {
		return Change{}, ErrVaultExists
	}
	s.closeLocked()
	st := local{DeviceID: model.NewID()}
	v := model.New(model.NewClock(st.DeviceID, model.Stamp{}, s.now))
	st.Clock = v.Clock().Last()
	// The built-in types and groups are not stored: every vault is seeded
	// with them when it loads.
	opts := store.CreateOptions{Local: st.encode(), KDF: s.testKDF}
	f, err := store.Create(vaultDir(s.home), password, opts)
	if errors.Is(err, store.ErrExists) {
		return Change{}, ErrVaultExists
	}
	if err != nil {
		return Change{}, fmt.Errorf("create the vault: %w", err)
	}
	s.open(f, v, st)
	return Change{Origin: FromLockState}, nil
}

// Unlock opens the vault with the login password. Unlocking an unlocked
// vault does nothing.
func (s *VaultService) Unlock(password []byte) error {
	s.mu.Lock()
	c, err := s.unlock(password)
	s.mu.Unlock()
	if err == nil && c.Origin != "" {
		s.hub.publish(c)
	}
	if !errors.Is(err, ErrNoVault) && (err != nil || c.Origin != "") {
		s.release() // a key was derived, whether or not it opened the vault
	}
	return err
}

func (s *VaultService) unlock(password []byte) (Change, error) {
	if s.vault != nil {
		return Change{}, nil
	}
	if !s.Exists() {
		return Change{}, ErrNoVault
	}
	f, contents, err := store.Open(vaultDir(s.home), password)
	if err != nil {
		return Change{}, s.openError(err)
	}
	st, err := decodeLocal(contents.Local)
	if err != nil {
		f.Close()
		return Change{}, s.openError(err)
	}
	v := model.Load(model.NewClock(st.DeviceID, st.Clock, s.now), contents.Entities)
	v.MarkDirty(st.Dirty...)
	s.open(f, v, st)
	return Change{Origin: FromLockState}, nil
}

func (s *VaultService) open(f *store.Store, v *model.Vault, st local) {
	st.Dirty = nil // the vault keeps the dirty set while unlocked
	s.file, s.vault, s.state, s.deviceID = f, v, st, st.DeviceID
}

// openError wraps damage in a DamagedError naming the newest backup that
// opens with the password given, so the person is told what to restore.
func (s *VaultService) openError(err error) error {
	var ce *store.CorruptError
	switch {
	case errors.As(err, &ce):
		d := &DamagedError{Err: err}
		if ce.Backup != "" {
			d.Newest = &Backup{Name: filepath.Base(ce.Backup), Time: ce.BackupTime}
		}
		if ce.Recovery != nil {
			r := recoveryOf(ce.Recovery)
			d.Recovery = &r
		}
		return d
	case errors.Is(err, errDamagedLocal):
		return &DamagedError{Err: err}
	case errors.Is(err, store.ErrNoVault):
		return ErrNoVault
	}
	return fmt.Errorf("open the vault: %w", err)
}

// Lock saves anything a failed save left behind, closes the vault file
// (which wipes its keys) and drops the decrypted vault from memory.
func (s *VaultService) Lock() {
	s.beforeLock.run()
	s.mu.Lock()
	was := s.vault != nil
	s.closeLocked()
	s.mu.Unlock()
	if was {
		s.hub.publish(Change{Origin: FromLockState, Locked: true})
		s.release()
	}
}

func (s *VaultService) closeLocked() {
	if s.file == nil {
		return
	}
	if len(s.pending) > 0 {
		// Last chance for an edit whose save failed; if this fails too,
		// the person was already told when the edit was made.
		_ = s.save(nil)
	}
	_ = s.file.Close()
	clear(s.pending)
	clear(s.state.Secrets)
	s.file, s.vault, s.state = nil, nil, local{}
}

// ChangePassword replaces the login password. The old password is checked
// first, so an unlocked vault left unattended can't have its password
// changed by someone who does not know it.
func (s *VaultService) ChangePassword(old, new []byte) error {
	if len(new) == 0 {
		return ErrEmptyPassword
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.file == nil {
		return ErrVaultLocked
	}
	if err := s.file.CheckPassword(old); err != nil {
		return fmt.Errorf("check the current password: %w", err)
	}
	// A new data key: the whole vault is written again under it.
	err := s.file.ChangePassword(new, s.vault.Entities(), s.localBlob())
	if err != nil {
		return fmt.Errorf("change the password: %w", err)
	}
	clear(s.pending) // the new snapshot holds them
	return nil
}
