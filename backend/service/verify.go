package service

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
)

// checkPassword reports whether password opens the vault file, without
// disturbing the open store: it derives the password key from the
// snapshot's header and unwraps the data key, as opening would. It is
// called with s.mu held, so no save rewrites the snapshot meanwhile.
//
// This belongs in package store (a Store.CheckPassword); it lives here
// until the store offers one.
func (s *VaultService) checkPassword(password []byte) error {
	b, err := os.ReadFile(filepath.Join(vaultDir(s.home), "vault.vbv"))
	if err != nil {
		return fmt.Errorf("read the vault: %w", err)
	}
	h, _, err := format.ParseVault(b)
	if err != nil {
		return fmt.Errorf("read the vault: %w", err)
	}
	kek, err := crypto.DeriveKey(password, h.Salt, h.KDF)
	if err != nil {
		return err
	}
	defer kek.Wipe()
	dk, err := crypto.Unwrap(kek, h.WrappedKey, format.WrapAD(h))
	if errors.Is(err, crypto.ErrDecrypt) {
		return ErrWrongPassword
	}
	if err != nil {
		return err
	}
	dk.Wipe()
	return nil
}
