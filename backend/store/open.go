package store

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
)

// load reads the snapshot and replays the journal.
func (s *Store) load(password []byte) (Contents, error) {
	clearTemps(s.dir)
	clearTemps(filepath.Join(s.dir, backupDir))
	keys := newKeyCache(password)
	defer keys.wipe()
	return s.read(keys)
}

// read is load after the clean-up: with s.look set it only checks, and
// changes nothing on disk.
func (s *Store) read(keys *keyCache) (Contents, error) {
	path := s.path(snapshotName)
	b, err := readFile("reading the vault", path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// Without it, a journal or backups left are damage, even if none
		// of them opens: never "no vault here", which invites a new one.
		err := s.damaged(path, errors.New("the file is missing"), keys)
		if recoverable(err) || Present(s.dir).Rest {
			return Contents{}, err
		}
		return Contents{}, fmt.Errorf("opening %s: %w", s.dir, ErrNoVault)
	case errors.Is(err, ErrNotAFile):
		return Contents{}, s.damaged(path, err, keys)
	case err != nil:
		return Contents{}, err
	}
	h, dk, p, err := unseal(b, keys)
	switch {
	case errors.Is(err, format.ErrNewerVersion):
		return Contents{}, fmt.Errorf("%s: %w", path, err)
	case errors.Is(err, ErrWrongPassword) && keyVouchedFor(s.dir, h):
		// A backup carries the very key vault.vbv does, so its key is not
		// damaged: the password is one this vault no longer has (a change
		// cut short leaves backups that the old one still opens, and
		// "recover" would rebuild the vault from those under it).
		return Contents{}, ErrWrongPassword
	case errors.Is(err, ErrWrongPassword):
		// A damaged salt or parameter looks like a wrong password; if a
		// backup opens with this password, the password is right.
		err := s.damaged(path, fmt.Errorf("its key does not unwrap: %w", format.ErrCorrupt), keys)
		if recoverable(err) || errors.As(err, new(*UnconfirmedError)) || errors.As(err, new(*FileError)) {
			return Contents{}, err // a FileError: what to fix before the password can be judged
		}
		return Contents{}, ErrWrongPassword
	case err != nil:
		return Contents{}, s.damaged(path, err, keys)
	}
	// The header's salt and wrapped key alias b: kept as they are, they
	// would keep the whole sealed file (30 MB at 100,000 records) in memory
	// for as long as the vault is open.
	h.Salt, h.WrappedKey = bytes.Clone(h.Salt), bytes.Clone(h.WrappedKey)
	s.dk, s.hdr, s.snapSize = dk, h, int64(len(b))
	if name, gen, ok := newerCopy(s.dir, h); ok {
		return Contents{}, s.damaged(path, fmt.Errorf("it is an older copy: %s is of generation %d, vault.vbv of %d: %w",
			name, gen, h.Generation, format.ErrCorrupt), keys)
	}
	c := Contents{Entities: p.Entities, Local: p.Local}
	if err := s.replay(&c, keys); err != nil {
		return Contents{}, err
	}
	return c, nil
}

// newerCopy finds a backup of the vault of h of a later generation than h,
// or a retired journal of h's generation or later. Every step that writes a
// snapshot gives it a generation above all of those (a backup of the same
// generation is the link a crash left before its rename), so one means vault.vbv is an old copy put
// back (from Time Machine, say), and what the newer one held would
// silently be gone. Only headers are read; an unreadable backups folder is
// no reason not to open.
func newerCopy(dir string, h format.Header) (string, uint64, bool) {
	bdir := filepath.Join(dir, backupDir)
	list, _ := Backups(dir)
	for _, b := range list {
		if bh, err := readVaultHeader(filepath.Join(bdir, b.Name)); err == nil && bh.VaultID == h.VaultID && bh.Generation > h.Generation {
			return filepath.Join(backupDir, b.Name), bh.Generation, true
		}
	}
	for _, j := range retiredJournals(bdir) {
		if jh, err := readJournalHeader(filepath.Join(bdir, j.Name)); err == nil && jh.VaultID == h.VaultID && jh.Generation >= h.Generation {
			return filepath.Join(backupDir, j.Name), jh.Generation, true
		}
	}
	return "", 0, false
}

// keyVouchedFor reports whether a backup of h's vault carries the same
// wrapped key, salt and parameters as h: everything unwrapping depends on,
// so a password that fails on one fails on both, and two files are not
// damaged the same way.
func keyVouchedFor(dir string, h format.Header) bool {
	list, _ := Backups(dir)
	for _, b := range list {
		bh, err := readVaultHeader(filepath.Join(dir, backupDir, b.Name))
		if err == nil && bh.VaultID == h.VaultID && bh.KDF == h.KDF &&
			bytes.Equal(bh.Salt, h.Salt) && bytes.Equal(bh.WrappedKey, h.WrappedKey) {
			return true
		}
	}
	return false
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

// damaged describes a damaged file and what Recover would rebuild, without
// changing anything: a *CorruptError, whose Recovery stays nil when no copy
// opens with the password. If recovery can't even look (a backup it may
// not read), that is the error: it is what to fix first. Backup names the
// newest backup that opens, for those who would rather restore one.
func (s *Store) damaged(path string, err error, keys *keyCache) error {
	ce := &CorruptError{Path: path, Err: err}
	p, perr := gather(s.dir, keys)
	var fe *FileError
	if errors.As(perr, &fe) {
		return fmt.Errorf("%s is damaged (%v), and recovery can't read everything: %w", path, err, perr)
	}
	if errors.As(perr, new(*UnconfirmedError)) {
		return perr
	}
	if perr != nil {
		return ce
	}
	defer p.wipe()
	p.report.Damaged = true // whatever gather saw, Open saw this
	ce.Recovery = &p.report
	list, _ := Backups(s.dir)
	for _, b := range list {
		if slices.Contains(p.report.Sources, filepath.Join(backupDir, b.Name)) {
			ce.Backup, ce.BackupTime = filepath.Join(backupDir, b.Name), b.Time
			break
		}
	}
	return ce
}

// recoverable reports a *CorruptError that Recover can do something about.
func recoverable(err error) bool {
	var ce *CorruptError
	return errors.As(err, &ce) && ce.Recovery != nil
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
