package service

import (
	"fmt"
	"strings"

	"vaultbar/backend/model"
)

// FindDeleted resolves a name or id among the deleted records, with the
// same rules as Find: an id, an exact name, or a unique name prefix.
func (s *VaultService) FindDeleted(nameOrID string) (model.Summary, error) {
	all, err := s.List(model.Filter{Deleted: true})
	if err != nil {
		return model.Summary{}, err
	}
	want := strings.ToLower(strings.TrimSpace(nameOrID))
	var exact, prefix []model.Summary
	for _, r := range all {
		n := strings.ToLower(r.Name)
		switch {
		case r.ID == nameOrID:
			return r, nil
		case n == want:
			exact = append(exact, r)
		case want != "" && strings.HasPrefix(n, want):
			prefix = append(prefix, r)
		}
	}
	if len(exact) == 0 {
		exact = prefix
	}
	return pickOne(nameOrID, exact)
}

func pickOne(query string, cands []model.Summary) (model.Summary, error) {
	switch len(cands) {
	case 0:
		return model.Summary{}, fmt.Errorf("no deleted record named %q: %w", query, model.ErrNotFound)
	case 1:
		return cands[0], nil
	}
	names := make([]string, len(cands))
	for i, c := range cands {
		names[i] = fmt.Sprintf("%s (%s, id %s)", c.Name, c.Type, c.ID)
	}
	return model.Summary{}, &model.AmbiguousError{Query: query, Matches: names}
}

// DeletedRecord returns a record in Deleted Records, to show it read-only.
func (s *VaultService) DeletedRecord(id string) (model.Record, error) {
	var r model.Record
	err := s.read(func(v *model.Vault) (err error) {
		r, err = v.DeletedRecord(id)
		return err
	})
	return r, err
}

// PurgeRecord deletes a record in Deleted Records permanently: its values
// and history are blanked in this vault at once and on other devices when
// they sync. Older backups, the snapshot and journal until the next
// compaction, and sync files other devices have not replaced yet still
// hold them until they are rotated away.
func (s *VaultService) PurgeRecord(id string) error {
	return s.edit(func(v *model.Vault) ([]string, error) {
		return []string{id}, v.PurgeRecord(id)
	})
}
