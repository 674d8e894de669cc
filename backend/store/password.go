package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
	"vaultbar/backend/model"
)

// ChangePassword protects the vault with newPassword and a new data key, so
// that the old password, even with an old copy of vault.vbv (Time Machine,
// a copied backup), opens nothing written from now on. all and local are
// the whole vault: they become a new snapshot under the new key, and the
// snapshot it replaces is kept as a backup. Then every file of this vault
// in the folder (backups, their journals and commits, files set aside as
// *.damaged-* or *.stale-*) is re-encrypted under the new key and
// password. Files that can't be (another vault's, or too damaged to read)
// are left as they are and named in the error; the vault itself has then
// already changed.
func (s *Store) ChangePassword(newPassword []byte, all []*model.Entity, local []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dk == nil {
		return ErrClosed
	}
	oldDK, oldHdr := s.dk, s.hdr
	if err := s.newKey(newPassword, all, local); err != nil {
		s.dk, s.hdr = oldDK, oldHdr
		return err
	}
	defer oldDK.Wipe()
	s.retireJournal()
	left, err := s.reseal(oldDK)
	if len(left) > 0 {
		return fmt.Errorf("the vault now opens with the new password only, but these files were not re-encrypted and may still open with the old one: %s: %w",
			strings.Join(left, ", "), fsErr("updating backups", err))
	}
	return nil
}

// newKey writes all and local as the next snapshot, under a new data key
// wrapped by password.
func (s *Store) newKey(password []byte, all []*model.Entity, local []byte) error {
	dk, err := crypto.NewKey()
	if err != nil {
		return err
	}
	s.dk = dk
	if err := s.setPassword(password); err != nil {
		dk.Wipe()
		return err
	}
	h := s.hdr
	h.Generation++
	if err := s.writeSnapshot(h, format.Payload{Entities: all, Local: local}, s.keepBackup); err != nil {
		dk.Wipe()
		return fsErr("changing the password", err)
	}
	s.hdr = h
	return nil
}

// reseal re-encrypts every other file of this vault from oldDK to the
// current key, and returns those it could not.
func (s *Store) reseal(oldDK *crypto.Key) ([]string, error) {
	var left []string
	var errs error
	for _, path := range s.otherFiles() {
		rel, _ := filepath.Rel(s.dir, path)
		b, err := os.ReadFile(path)
		if err == nil {
			b, err = s.resealFile(b, oldDK)
		}
		if err == nil {
			err = writeAtomic(filepath.Dir(path), filepath.Base(path), nil, b)
		}
		if errors.Is(err, errNotOurs) {
			continue
		}
		if err != nil {
			left, errs = append(left, rel), errors.Join(errs, err)
		}
	}
	return left, errs
}

// otherFiles lists the vault's files other than the snapshot: backups,
// retired journals and commits, and anything set aside, in the vault folder
// and backups/. Folders of older vaults (old-*) are other vaults.
func (s *Store) otherFiles() []string {
	var out []string
	for _, dir := range []string{s.dir, filepath.Join(s.dir, backupDir)} {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			n := e.Name()
			if e.Type().IsRegular() && strings.HasPrefix(n, "vault") && !strings.Contains(n, ".tmp-") &&
				(dir != s.dir || (n != snapshotName && n != journalName && n != commitName)) {
				out = append(out, filepath.Join(dir, n))
			}
		}
	}
	return out
}

// errNotOurs is a file of another vault, or not a vault file at all: not
// this change's to touch.
var errNotOurs = errors.New("not a file of this vault")

// resealFile re-encrypts a vault file, journal or commit file from oldDK to
// the current key.
func (s *Store) resealFile(b []byte, oldDK *crypto.Key) ([]byte, error) {
	switch {
	case strings.HasPrefix(string(b), format.VaultMagic):
		return s.resealVault(b, oldDK)
	case strings.HasPrefix(string(b), format.JournalMagic):
		return s.resealJournal(b, oldDK)
	case strings.HasPrefix(string(b), format.CommitMagic):
		return s.resealCommit(b, oldDK)
	}
	return nil, errNotOurs
}

func (s *Store) resealVault(b []byte, oldDK *crypto.Key) ([]byte, error) {
	h, sealed, err := format.ParseVault(b)
	if err != nil {
		return nil, err
	}
	if h.VaultID != s.hdr.VaultID {
		return nil, errNotOurs
	}
	plain, err := oldDK.Open(sealed, format.PayloadAD(h))
	if err != nil {
		return nil, fmt.Errorf("its contents do not open with the old key: %w", format.ErrCorrupt)
	}
	defer crypto.Zero(plain)
	h.KDF, h.Salt, h.WrappedKey = s.hdr.KDF, s.hdr.Salt, s.hdr.WrappedKey
	return format.AppendVault(nil, h, s.dk.Seal(plain, format.PayloadAD(h))), nil
}

// resealJournal re-encrypts every frame that opens, in place: a sealed
// frame keeps its length, so everything else, damage included, stays byte
// for byte.
func (s *Store) resealJournal(b []byte, oldDK *crypto.Key) ([]byte, error) {
	j, err := format.ScanJournal(b)
	if err != nil {
		return nil, err
	}
	if j.Header.VaultID != s.hdr.VaultID {
		return nil, errNotOurs
	}
	out := append([]byte(nil), b...)
	for _, f := range j.Frames {
		ad := format.FrameAD(j.Header, f.Seq)
		if plain, err := oldDK.Open(f.Sealed, ad); err == nil {
			copy(out[f.Offset:], s.dk.Seal(plain, ad))
			crypto.Zero(plain)
		}
	}
	return out, nil
}

func (s *Store) resealCommit(b []byte, oldDK *crypto.Key) ([]byte, error) {
	var out []byte
	for i := 0; i+format.CommitSlotSize <= len(b) && i < 2*format.CommitSlotSize; i += format.CommitSlotSize {
		c, err := format.ParseCommit(b[i : i+format.CommitSlotSize])
		if err == nil && c.VaultID != s.hdr.VaultID {
			return nil, errNotOurs
		}
		if err == nil && opensWith([]*crypto.Key{oldDK}, c) {
			c.Sealed = s.dk.Seal(nil, format.CommitAD(c))
			out = format.AppendCommit(out, c)
			continue
		}
		out = append(out, b[i:i+format.CommitSlotSize]...)
	}
	return out, nil
}
