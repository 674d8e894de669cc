package service

import (
	"vaultbar/backend/model"
)

// AddRecord creates a record.
func (s *VaultService) AddRecord(in model.RecordInput) (model.Record, error) {
	var r model.Record
	err := s.edit(func(v *model.Vault) (ids []string, err error) {
		if err := checkNewFields(v, in.Type, in.Fields); err != nil {
			return nil, err
		}
		r, err = v.AddRecord(in)
		return []string{r.ID}, err
	})
	return r, err
}

// UpdateRecord changes what p sets of a live record.
func (s *VaultService) UpdateRecord(id string, p model.RecordPatch) (model.Record, error) {
	var r model.Record
	err := s.edit(func(v *model.Vault) (ids []string, err error) {
		if err := checkPatch(v, id, p); err != nil {
			return nil, err
		}
		r, err = v.UpdateRecord(id, p)
		return []string{id}, err
	})
	return r, err
}

// DeleteRecord moves a record to the deleted records; RestoreRecord brings
// it back.
func (s *VaultService) DeleteRecord(id string) error {
	return s.edit(func(v *model.Vault) ([]string, error) {
		return []string{id}, v.DeleteRecord(id)
	})
}

// RestoreRecord brings back a deleted record.
func (s *VaultService) RestoreRecord(id string) (model.Record, error) {
	var r model.Record
	err := s.edit(func(v *model.Vault) (ids []string, err error) {
		r, err = v.RestoreRecord(id)
		return []string{id}, err
	})
	return r, err
}

// RestoreVersion writes an earlier value of one of a record's fields back
// as a new edit.
func (s *VaultService) RestoreVersion(id, key string, stamp model.Stamp) (model.Record, error) {
	var r model.Record
	err := s.edit(func(v *model.Vault) (ids []string, err error) {
		r, err = v.RestoreVersion(id, key, stamp)
		return []string{id}, err
	})
	return r, err
}

// Record returns a live record.
func (s *VaultService) Record(id string) (model.Record, error) {
	var r model.Record
	err := s.read(func(v *model.Vault) (err error) {
		r, err = v.Record(id)
		return err
	})
	return r, err
}

// Find resolves what a person typed to name a live record: an id, an exact
// name (ignoring case) or a unique name prefix. Several matches give a
// *model.AmbiguousError listing them.
func (s *VaultService) Find(nameOrID string) (model.Record, error) {
	var r model.Record
	err := s.read(func(v *model.Vault) (err error) {
		r, err = v.Find(nameOrID)
		return err
	})
	return r, err
}

// History returns a live record's earlier values, newest first.
func (s *VaultService) History(id string) ([]model.HistoryEntry, error) {
	var h []model.HistoryEntry
	err := s.read(func(v *model.Vault) (err error) {
		h, err = v.History(id)
		return err
	})
	return h, err
}

// List returns the records f selects, sorted by name.
func (s *VaultService) List(f model.Filter) ([]model.Summary, error) {
	var out []model.Summary
	err := s.read(func(v *model.Vault) error {
		out = v.List(f)
		return nil
	})
	return out, err
}

// Counts returns how many live records each group ("group:<id>") and type
// ("type:<id>") has, the totals "all" and "favorites", and "deleted":
// how many records Deleted Records holds.
func (s *VaultService) Counts() (map[string]int, error) {
	var c map[string]int
	err := s.read(func(v *model.Vault) error {
		c = v.Counts()
		return nil
	})
	return c, err
}
