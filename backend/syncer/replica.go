package syncer

import "vaultbar/backend/model"

// Replica is what the sync engine needs from the local vault. The vault
// service implements it; the engine never touches the vault file itself.
//
// All methods may be called from the engine's goroutine while the user keeps
// editing, so implementations serialise with their own edits.
type Replica interface {
	// DeviceID is this device's id: the name of its folder in the sync data
	// and the device part of its clock stamps.
	DeviceID() string

	// Unpublished returns copies of the entities edited on this device and
	// not yet published.
	Unpublished() []*model.Entity

	// MarkPublished records that these copies were written to the sync
	// folder. An entity edited again since its copy was taken stays
	// unpublished (compare Modified stamps).
	MarkPublished(published []*model.Entity) error

	// All returns copies of every entity, for a full snapshot, or nil when
	// the vault is closed (locked); an open vault always has the seed.
	All() []*model.Entity

	// Apply merges entities from another device into the vault, saves the
	// result, and returns the ids whose content changed.
	Apply(remote []*model.Entity) (changed []string, err error)

	// SyncState and SaveSyncState keep the engine's own bookkeeping (what
	// it has read from each device, its keys, its sequence numbers) inside
	// the encrypted local vault. The bytes are the engine's; the vault
	// stores them opaquely.
	SyncState() []byte
	SaveSyncState(state []byte) error
}
