package service

import "vaultbar/backend/model"

// ListPage returns one page of the records f selects, sorted by name, with
// how many there are in all and where record id is among them (or -1):
// the window and Quick Access never hold more summaries than they show,
// and one call answers a keystroke.
func (s *VaultService) ListPage(f model.Filter, offset, limit int, id string) (model.Page, error) {
	var p model.Page
	err := s.read(func(v *model.Vault) error {
		p = v.ListPage(f, offset, limit, id)
		return nil
	})
	return p, err
}

// IndexOf returns where record id is in the list f selects, or -1.
func (s *VaultService) IndexOf(f model.Filter, id string) (int, error) {
	i := -1
	err := s.read(func(v *model.Vault) error {
		i = v.IndexOf(f, id)
		return nil
	})
	return i, err
}
