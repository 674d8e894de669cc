package service

import "vaultbar/backend/model"

// Groups returns the live groups sorted by name.
func (s *VaultService) Groups() ([]model.Group, error) {
	var out []model.Group
	err := s.read(func(v *model.Vault) error {
		out = v.Groups()
		return nil
	})
	return out, err
}

// GroupByName resolves a live group by id or name, ignoring case.
func (s *VaultService) GroupByName(name string) (model.Group, error) {
	var g model.Group
	err := s.read(func(v *model.Vault) (err error) {
		g, err = v.GroupByName(name)
		return err
	})
	return g, err
}

// AddGroup creates a group.
func (s *VaultService) AddGroup(name string) (model.Group, error) {
	var g model.Group
	err := s.edit(func(v *model.Vault) (ids []string, err error) {
		g, err = v.AddGroup(name)
		return []string{g.ID}, err
	})
	return g, err
}

// RenameGroup renames a live group.
func (s *VaultService) RenameGroup(id, name string) (model.Group, error) {
	var g model.Group
	err := s.edit(func(v *model.Vault) (ids []string, err error) {
		g, err = v.RenameGroup(id, name)
		return []string{id}, err
	})
	return g, err
}

// DeleteGroup deletes a group; its records stay, outside the group.
func (s *VaultService) DeleteGroup(id string) error {
	return s.edit(func(v *model.Vault) ([]string, error) {
		return []string{id}, v.DeleteGroup(id)
	})
}
