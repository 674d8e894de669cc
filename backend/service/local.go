package service

import (
	"encoding/json"
	"fmt"
	"sort"

	"vaultbar/backend/model"
)

// local is the device-local state kept inside the encrypted vault beside the
// entities: it never syncs, and it is written with every journal frame so a
// reopened vault continues exactly where it stopped.
type local struct {
	DeviceID  string            `json:"deviceId"`
	Clock     model.Stamp       `json:"clock"`               // the latest stamp made or seen
	Dirty     []string          `json:"dirty,omitempty"`     // ids edited here and not yet published
	SyncState []byte            `json:"syncState,omitempty"` // the sync engine's, opaque
	Secrets   map[string]string `json:"secrets,omitempty"`   // see GetSecret
	Sync      json.RawMessage   `json:"sync,omitempty"`      // a copy of settings.json's sync section (settings_damage.go)
}

func decodeLocal(b []byte) (local, error) {
	var l local
	if len(b) == 0 {
		return l, fmt.Errorf("vault has no device state: %w", errDamagedLocal)
	}
	if err := json.Unmarshal(b, &l); err != nil {
		return l, fmt.Errorf("device state: %v: %w", err, errDamagedLocal)
	}
	if l.DeviceID == "" {
		return l, fmt.Errorf("device state has no device id: %w", errDamagedLocal)
	}
	return l, nil
}

func (l local) encode() []byte {
	sort.Strings(l.Dirty)
	b, err := json.Marshal(l)
	if err != nil {
		panic(err) // strings, bytes and a struct of them always marshal
	}
	return b
}
