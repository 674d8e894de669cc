package service

import "vaultbar/backend/model"

// FindDeleted resolves a name or id among the deleted records, with the
// same rules as Find: an id, an exact name, or a unique name prefix.
func (s *VaultService) FindDeleted(nameOrID string) (model.Summary, error) {
	var r model.Summary
	err := s.read(func(v *model.Vault) (err error) {
		r, err = v.FindDeleted(nameOrID)
		return err
	})
	return r, err
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
