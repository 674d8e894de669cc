package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"vaultbar/backend/format"
)

// ChangePassword wraps the data key under newPassword, with a new salt and
// freshly calibrated parameters, in the snapshot and in every backup, so the
// old password stops opening any of them. Contents are not re-encrypted:
// only the wrapped key in each header changes.
func (s *Store) ChangePassword(newPassword []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dk == nil {
		return ErrClosed
	}
	old := s.hdr
	if err := s.setPassword(newPassword); err != nil {
		return err
	}
	if err := s.rewrap(s.dir, snapshotName, true); err != nil {
		s.hdr = old
		return fsErr("changing the password", err)
	}
	var failed []string
	var first error
	list, _ := Backups(s.dir)
	for _, b := range list {
		if err := s.rewrap(filepath.Join(s.dir, backupDir), b.Name, false); err != nil {
			failed, first = append(failed, b.Name), errors.Join(first, err)
		}
	}
	if failed != nil {
		return fmt.Errorf("the vault now opens with the new password, but these backups still open with the old one: %s: %w",
			strings.Join(failed, ", "), fsErr("updating backups", first))
	}
	return nil
}

// rewrap rewrites the header of dir/name with s.hdr's password fields and
// copies its sealed payload unchanged. Files of other vaults are left alone;
// the snapshot must be exactly the generation this store holds.
func (s *Store) rewrap(dir, name string, current bool) error {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return err
	}
	h, sealed, err := format.ParseVault(b)
	if err != nil {
		return err
	}
	if h.VaultID != s.hdr.VaultID || (current && h.Generation != s.hdr.Generation) {
		if current {
			return fmt.Errorf("%s changed on disk while open", name)
		}
		return nil
	}
	h.KDF, h.Salt, h.WrappedKey = s.hdr.KDF, s.hdr.Salt, s.hdr.WrappedKey
	return writeAtomic(dir, name, nil, format.AppendVaultHeader(nil, h, len(sealed)), sealed)
}
