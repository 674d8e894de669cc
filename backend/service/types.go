package service

import "vaultbar/backend/model"

// Types returns the live record types sorted by name.
func (s *VaultService) Types() ([]model.Type, error) {
	var out []model.Type
	err := s.read(func(v *model.Vault) error {
		out = v.Types()
		return nil
	})
	return out, err
}

// TypeByName resolves a live record type by id or name, ignoring case.
func (s *VaultService) TypeByName(name string) (model.Type, error) {
	var t model.Type
	err := s.read(func(v *model.Vault) (err error) {
		t, err = v.TypeByName(name)
		return err
	})
	return t, err
}

// AddType creates a record type.
func (s *VaultService) AddType(name string, fields []model.FieldDef) (model.Type, error) {
	var t model.Type
	err := s.edit(func(v *model.Vault) (ids []string, err error) {
		t, err = v.AddType(name, fields)
		return []string{t.ID}, err
	})
	return t, err
}

// UpdateType renames a type and sets its fields, in order. Records keep the
// values of removed fields, shown under the old label.
func (s *VaultService) UpdateType(id, name string, fields []model.FieldDef) (model.Type, error) {
	var t model.Type
	err := s.edit(func(v *model.Vault) (ids []string, err error) {
		t, err = v.UpdateType(id, name, fields)
		return []string{id}, err
	})
	return t, err
}

// TypeUsage counts the live records of a type.
func (s *VaultService) TypeUsage(id string) (int, error) {
	var n int
	err := s.read(func(v *model.Vault) error {
		n = v.TypeUsage(id)
		return nil
	})
	return n, err
}

// DeleteType deletes a record type and returns how many records use it.
// They keep every value and are listed as of a deleted type.
func (s *VaultService) DeleteType(id string) (int, error) {
	var n int
	err := s.edit(func(v *model.Vault) (ids []string, err error) {
		n, err = v.DeleteType(id)
		return []string{id}, err
	})
	return n, err
}

// DeletedTypes returns the deleted record types, built-in ones included.
func (s *VaultService) DeletedTypes() ([]model.Type, error) {
	var out []model.Type
	err := s.read(func(v *model.Vault) error {
		out = v.DeletedTypes()
		return nil
	})
	return out, err
}

// RestoreType brings back a deleted record type, so a deleted built-in
// type (and the README's examples that use it) works again.
func (s *VaultService) RestoreType(id string) (model.Type, error) {
	var t model.Type
	err := s.edit(func(v *model.Vault) (ids []string, err error) {
		t, err = v.RestoreType(id)
		return []string{id}, err
	})
	return t, err
}
