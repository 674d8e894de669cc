package main

import "vaultbar/backend/model"

// DeletedTypes returns the deleted record types, built-in ones included,
// for the Record Types sheet to offer back.
func (v *VaultAPI) DeletedTypes() ([]model.Type, error) { return orExplain(v.svc.DeletedTypes()) }

// RestoreType brings back a deleted record type with its fields; its
// records read as before.
func (v *VaultAPI) RestoreType(id string) (model.Type, error) {
	return orExplain(v.svc.RestoreType(id))
}
