package service

import (
	"fmt"

	"vaultbar/backend/store"
)

// Recovery is what recovering a damaged vault did, or would do: the one
// sentence to show, and its parts for a list.
type Recovery struct {
	Summary  string   `json:"summary"`  // what was recovered, from where, what may be missing
	Damaged  bool     `json:"damaged"`  // false: nothing to recover, nothing done
	Records  int      `json:"records"`  // records in the recovered vault
	Sources  []string `json:"sources"`  // files used, relative to the vault folder
	Missing  []string `json:"missing"`  // what may be missing
	SetAside []string `json:"setAside"` // damaged files kept under a new name
}

func recoveryOf(r *store.Report) Recovery {
	return Recovery{Summary: r.String(), Damaged: r.Damaged, Records: r.Records,
		Sources: r.Sources, Missing: r.Missing, SetAside: r.SetAside}
}

// Recover rebuilds a damaged vault from every copy that still opens with
// the login password: the merge of the vault file, its journal and the
// backups (see store.Recover). Damaged files are kept under a new name,
// never deleted. With dryRun it only says what it would do. Afterwards the
// vault is unlocked, and every record is marked unpublished, so sync
// carries whatever only this device still had to the others.
func (s *VaultService) Recover(password []byte, dryRun bool) (Recovery, error) {
	s.mu.Lock()
	r, c, err := s.recover(password, dryRun)
	s.mu.Unlock()
	if c.Origin != "" {
		s.hub.publish(c)
	}
	return r, err
}

func (s *VaultService) recover(password []byte, dryRun bool) (Recovery, Change, error) {
	was := s.vault != nil
	s.closeLocked() // the store's lock is per open file: let Recover take it
	var c Change
	if was {
		c = Change{Origin: FromLockState, Locked: true}
	}
	rep, err := store.Recover(vaultDir(s.home), password, !dryRun)
	if err != nil {
		return Recovery{}, c, fmt.Errorf("recover the vault: %w", err)
	}
	r := recoveryOf(rep)
	wrote := !dryRun && r.Damaged
	if !wrote && !was {
		return r, c, nil
	}
	if _, err := s.unlock(password); err != nil { // as it was, or recovered
		return r, c, fmt.Errorf("open the recovered vault: %w", err)
	}
	if !wrote {
		return r, Change{}, nil
	}
	s.republish()
	return r, Change{Origin: FromRestore}, nil
}

// republish marks every entity unpublished and saves that, so the next sync
// sends the recovered states (merging makes the duplicates harmless). It
// saves the device state alone, not a compaction, whose backup rotation
// would thin the backups recovery just read.
func (s *VaultService) republish() {
	var ids []string
	for _, e := range s.vault.Entities() {
		ids = append(ids, e.ID)
	}
	s.vault.MarkDirty(ids...)
	_ = s.save(nil)
}

// SetAside moves every file of the vault into a new dated folder inside
// the vault folder, deleting nothing, so Create can start a new vault
// there. It returns that folder. The vault is locked first.
func (s *VaultService) SetAside() (string, error) {
	s.mu.Lock()
	was := s.vault != nil
	s.closeLocked()
	s.mu.Unlock()
	if was {
		s.hub.publish(Change{Origin: FromLockState, Locked: true})
	}
	dir, err := store.SetAside(vaultDir(s.home))
	if err != nil {
		return dir, fmt.Errorf("set the old vault aside: %w", err)
	}
	return dir, nil
}

// NeedsRecovery reports, without the password, a vault folder whose
// vault.vbv is missing (its journal or backups are left) or unreadable even
// in its header: a vault Recover may rebuild, which a new one must not bury.
// Damage deeper in the file shows only when it is opened.
func (s *VaultService) NeedsRecovery() bool {
	p := store.Present(vaultDir(s.home))
	return p.Damaged || (p.Rest && !p.Snapshot)
}
