package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
)

// load reads the snapshot and replays the journal.
func (s *Store) load(password []byte) (Contents, error) {
	clearTemps(s.dir)
	clearTemps(filepath.Join(s.dir, backupDir))
	keys := newKeyCache(password)
	defer keys.wipe()
	path := s.path(snapshotName)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if ce := s.damaged(path, errors.New("the file is missing"), keys); ce.Backup != "" {
			return Contents{}, ce
		}
		return Contents{}, fmt.Errorf("opening %s: %w", s.dir, ErrNoVault)
	}
	if err != nil {
		return Contents{}, fmt.Errorf("reading the vault: %w", err)
	}
	h, dk, p, err := unseal(b, keys)
	switch {
	case errors.Is(err, format.ErrNewerVersion):
		return Contents{}, fmt.Errorf("%s: %w", path, err)
	case errors.Is(err, ErrWrongPassword):
		// A damaged salt or parameter looks like a wrong password; if a
		// backup opens with this password, the password is right.
		if ce := s.damaged(path, fmt.Errorf("its key does not unwrap: %w", format.ErrCorrupt), keys); ce.Backup != "" {
			return Contents{}, ce
		}
		return Contents{}, ErrWrongPassword
	case err != nil:
		return Contents{}, s.damaged(path, err, keys)
	}
	s.dk, s.hdr, s.snapSize = dk, h, int64(len(b))
	c := Contents{Entities: p.Entities, Local: p.Local}
	if err := s.replay(&c, keys); err != nil {
		return Contents{}, err
	}
	return c, nil
}

// unseal opens a vault file's bytes with a password.
func unseal(b []byte, keys *keyCache) (format.Header, *crypto.Key, format.Payload, error) {
	h, sealed, err := format.ParseVault(b)
	if err != nil {
		return h, nil, format.Payload{}, err
	}
	kek, err := keys.get(h)
	if err != nil {
		return h, nil, format.Payload{}, err
	}
	dk, err := crypto.Unwrap(kek, h.WrappedKey, format.WrapAD(h))
	if err != nil {
		return h, nil, format.Payload{}, ErrWrongPassword
	}
	plain, err := dk.Open(sealed, format.PayloadAD(h))
	if err != nil {
		dk.Wipe()
		return h, nil, format.Payload{}, fmt.Errorf("its contents do not authenticate: %w", format.ErrCorrupt)
	}
	// The entities' strings will point into plain, so it is not wiped:
	// it holds exactly what they hold, for as long as they live.
	p, err := format.ParsePayloadOwned(plain)
	if err != nil {
		crypto.Zero(plain)
		dk.Wipe()
		return h, nil, format.Payload{}, err
	}
	return h, dk, p, nil
}

// damaged describes a damaged file and finds the newest backup that opens
// with the password, to tell the user what to restore.
func (s *Store) damaged(path string, err error, keys *keyCache) *CorruptError {
	ce := &CorruptError{Path: path, Err: err}
	list, _ := Backups(s.dir)
	for _, b := range list {
		data, err := os.ReadFile(filepath.Join(s.dir, backupDir, b.Name))
		if err != nil {
			continue
		}
		if _, dk, _, err := unseal(data, keys); err == nil {
			dk.Wipe()
			ce.Backup, ce.BackupTime = filepath.Join(backupDir, b.Name), b.Time
			break
		}
	}
	return ce
}

// keyCache derives each password key once: the snapshot and its backups
// normally share salt and parameters, and Argon2id is the slow part.
type keyCache struct {
	password []byte
	keys     map[string]*crypto.Key
}

func newKeyCache(password []byte) *keyCache {
	return &keyCache{password: password, keys: map[string]*crypto.Key{}}
}

func (c *keyCache) get(h format.Header) (*crypto.Key, error) {
	id := fmt.Sprintf("%x/%d/%d/%d", h.Salt, h.KDF.Time, h.KDF.MemoryKiB, h.KDF.Threads)
	if k, ok := c.keys[id]; ok {
		return k, nil
	}
	k, err := deriveKey(c.password, h.Salt, h.KDF)
	if err != nil {
		return nil, err
	}
	c.keys[id] = k
	return k, nil
}

func (c *keyCache) wipe() {
	for _, k := range c.keys {
		k.Wipe()
	}
}
