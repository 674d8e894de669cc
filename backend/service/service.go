package service

import (
	"sort"
	"sync"
	"time"

	"vaultbar/backend/crypto"
	"vaultbar/backend/model"
	"vaultbar/backend/store"
	"vaultbar/backend/syncer"
)

var _ syncer.Replica = (*VaultService)(nil)

// VaultService is the vault of one process. It is safe for concurrent use:
// one mutex serialises the user's edits, the sync engine's calls and
// locking, and every edit is saved before its method returns.
type VaultService struct {
	home string
	now  func() time.Time // the clock's wall time; tests replace it

	// testKDF replaces the calibrated key-derivation parameters of a new
	// vault or password. Only this package's tests set it, to keep them
	// fast; no exported path reaches it.
	testKDF *crypto.KDFParams

	mu       sync.Mutex
	file     *store.Store // nil while locked
	vault    *model.Vault // nil while locked
	state    local        // Dirty is kept in vault while unlocked
	pending  map[string]struct{}
	deviceID string // kept after locking: it is not secret

	settingsMu sync.Mutex
	unsaid     *SettingsError // settings.json set aside, not yet shown in the sync status
	hub        hub
	beforeLock lockHooks // run by Lock while still unlocked (synclock.go)
	release    func()    // frees memory after unlock and lock (memory.go)
}

// New returns the service for the data folder home (see DefaultHome). It
// does no I/O; the vault starts locked.
func New(home string) *VaultService {
	return &VaultService{home: home, now: time.Now, pending: map[string]struct{}{}, release: releaseSoon}
}

// Home is the data folder this service uses.
func (s *VaultService) Home() string { return s.home }

// Locked reports whether the vault is locked.
func (s *VaultService) Locked() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.vault == nil
}

// read runs fn on the unlocked vault under the lock. Reads take the same
// lock as edits because the model fills its caches while reading.
func (s *VaultService) read(fn func(v *model.Vault) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.vault == nil {
		return ErrVaultLocked
	}
	return fn(s.vault)
}

// edit runs fn on the unlocked vault, saves the entities fn says it touched
// that really changed, and announces them to subscribers.
func (s *VaultService) edit(fn func(v *model.Vault) ([]string, error)) error {
	c, err := s.editLocked(fn)
	if !c.Empty() {
		s.hub.publish(c)
	}
	return err
}

func (s *VaultService) editLocked(fn func(v *model.Vault) ([]string, error)) (Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.vault == nil {
		return Change{}, ErrVaultLocked
	}
	before := s.vault.Clock().Last()
	ids, err := fn(s.vault)
	if err != nil {
		return Change{}, err
	}
	changed := changedSince(s.vault, before, ids)
	if len(changed) == 0 {
		return Change{}, nil
	}
	return s.changeOf(FromLocalEdit, changed), s.save(changed)
}

// changedSince keeps the ids whose entity carries a stamp made after
// before: an edit that set every value to what it was stamps nothing.
func changedSince(v *model.Vault, before model.Stamp, ids []string) []string {
	var out []string
	for _, id := range ids {
		if e := v.Entity(id); e != nil && laterThan(e.Modified(), before) {
			out = append(out, id)
		}
	}
	return out
}

// laterThan compares wall time and counter only: the clock's Last carries
// this device's id even after it observed another device's stamp.
func laterThan(a, b model.Stamp) bool {
	return a.Wall > b.Wall || (a.Wall == b.Wall && a.Count > b.Count)
}

func (s *VaultService) changeOf(o Origin, ids []string) Change {
	c := Change{Origin: o, Locked: s.vault == nil}
	for _, id := range ids {
		e := s.vault.Entity(id)
		if e == nil {
			continue
		}
		switch e.Kind {
		case model.KindRecord:
			c.Records = append(c.Records, id)
		case model.KindGroup:
			c.Groups = append(c.Groups, id)
		case model.KindType:
			c.Types = append(c.Types, id)
		}
	}
	return c
}

func sortedKeys(m map[string]struct{}) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
