package store

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
	"vaultbar/backend/model"
)

const (
	snapshotName = "vault.vbv"
	journalName  = "vault.vbj"
	// commitName is in commit.go.
	lockName  = "vault.lock"
	backupDir = "backups"
)

// Contents is what a vault holds: every entity, and the device-local state
// the service keeps with it (opaque here).
type Contents struct {
	Entities []*model.Entity
	Local    []byte
}

// CreateOptions are a new vault's first contents.
type CreateOptions struct {
	Entities []*model.Entity
	Local    []byte
	// KDF replaces the calibrated key-derivation parameters, for this vault's
	// creation and password changes. For tests only: the service never sets
	// it, so no user action can reach it.
	KDF *crypto.KDFParams
}

// Store is an open, unlocked vault. Its methods are safe for concurrent use.
type Store struct {
	mu       sync.Mutex
	dir      string
	lock     *os.File
	dk       *crypto.Key
	hdr      format.Header
	kdf      *crypto.KDFParams
	snapSize int64

	journal *os.File // open for appending; nil until the first Append after a reset
	commit  *os.File // the commit file, open for writing with the journal
	jsize   int64    // bytes of good frames and header
	seq     uint64   // last frame's sequence number
	lastTag [16]byte // last frame's tag, for the commit
	broken  error    // a failed append left the journal's tail unknown

	// resumeAt is the journal's last good frame when the vault was opened
	// with saves in its journal: the first Append resumes after it (cutting
	// a torn tail then), so opening alone writes nothing.
	resumeAt *format.Frame
	// carried: the journal holds saves from before this open, which
	// NeedsCompaction asks to fold into a snapshot once something is
	// written (a session that only reads rewrites nothing).
	carried bool

	lastBackup string // the backup this session's last compaction made
	look       bool   // only check the files (Recover): no compaction, no moves
}

// Create makes a new vault in dir (created if missing) and returns it open.
// It refuses to touch a folder that already holds a vault.
func Create(dir string, password []byte, opts CreateOptions) (*Store, error) {
	if err := os.MkdirAll(filepath.Join(dir, backupDir), 0o700); err != nil {
		return nil, fsErr("creating the vault folder", err)
	}
	lk, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	s, err := create(dir, password, opts)
	if err != nil {
		unlockDir(lk)
		return nil, err
	}
	s.lock = lk
	return s, nil
}

func create(dir string, password []byte, opts CreateOptions) (*Store, error) {
	if _, err := os.Lstat(filepath.Join(dir, snapshotName)); !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("creating a vault in %s: %w", dir, ErrExists)
	}
	s := &Store{dir: dir, kdf: opts.KDF}
	var err error
	if s.dk, err = crypto.NewKey(); err != nil {
		return nil, err
	}
	if _, err := rand.Read(s.hdr.VaultID[:]); err != nil {
		return nil, err
	}
	s.hdr.Generation = 1
	if err := s.setPassword(password); err != nil {
		return nil, err
	}
	if err := s.writeSnapshot(s.hdr, format.Payload{Entities: opts.Entities, Local: opts.Local}, nil); err != nil {
		s.dk.Wipe()
		return nil, fsErr("saving the new vault", err)
	}
	return s, nil
}

// setPassword wraps the data key under a new password, with a new salt and
// fresh parameters, in s.hdr only.
func (s *Store) setPassword(password []byte) error {
	p := newParams()
	if s.kdf != nil {
		p = *s.kdf
	}
	salt, err := crypto.NewSalt()
	if err != nil {
		return err
	}
	kek, err := deriveKey(password, salt, p)
	if err != nil {
		return err
	}
	defer kek.Wipe()
	s.hdr.KDF, s.hdr.Salt = p, salt
	s.hdr.WrappedKey = crypto.Wrap(kek, s.dk, format.WrapAD(s.hdr))
	return nil
}

// Open unlocks the vault in dir and returns its contents. A wrong password
// is ErrWrongPassword and writes nothing. Saves in the journal are replayed,
// not folded into a new snapshot: opening changes no file of the vault, so a
// command refused after it leaves the disk as it was. NeedsCompaction then
// asks the caller to fold them in before its first save.
func Open(dir string, password []byte) (*Store, Contents, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, Contents{}, fmt.Errorf("opening %s: %w", dir, ErrNoVault)
	}
	lk, err := lockDir(dir)
	if err != nil {
		return nil, Contents{}, err
	}
	s := &Store{dir: dir, lock: lk}
	c, err := s.load(password)
	if err != nil {
		s.Close()
		return nil, Contents{}, err
	}
	return s, c, nil
}

// Close wipes the key and releases the lock. A closed store can't be used.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dk.Wipe()
	s.dk = nil
	var err error
	if s.journal != nil {
		err = s.journal.Close()
		s.journal = nil
	}
	s.closeJournal()
	unlockDir(s.lock)
	s.lock = nil
	return err
}

// Dir is the vault's folder.
func (s *Store) Dir() string { return s.dir }

func (s *Store) path(name string) string { return filepath.Join(s.dir, name) }

// seal encrypts p for header h: the payload is bound to h's vault and
// generation. The plaintext is wiped once sealed.
func (s *Store) seal(h format.Header, p format.Payload) []byte {
	plain := format.AppendPayload(make([]byte, 0, s.snapSize+4096), p)
	defer crypto.Zero(plain)
	return s.dk.Seal(plain, format.PayloadAD(h))
}

// writeSnapshot atomically replaces vault.vbv with p sealed under h.
func (s *Store) writeSnapshot(h format.Header, p format.Payload, before func() error) error {
	sealed := s.seal(h, p)
	head := format.AppendVaultHeader(nil, h, len(sealed))
	if err := writeAtomic(s.dir, snapshotName, before, head, sealed); err != nil {
		return err
	}
	s.snapSize = int64(len(head) + len(sealed))
	return nil
}
