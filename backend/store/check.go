package store

import (
	"errors"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
)

// CheckPassword reports whether password is this vault's login password
// (ErrWrongPassword if not), as opening would judge it, without touching the
// files: a password change asks for the old password first.
func (s *Store) CheckPassword(password []byte) error {
	s.mu.Lock()
	h := s.hdr
	s.mu.Unlock()
	kek, err := deriveKey(password, h.Salt, h.KDF)
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
