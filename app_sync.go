package main

import (
	"context"
	"errors"
)

// SyncAPI binds cloud sync: set up with a new or an existing cloud sync
// password, enter a password changed elsewhere, change it, auto-sync on or
// off, sync now, reveal the password, and status pushed as sync:status.
//
// Placeholder until the sync service lands: sync reports itself off.
type SyncAPI struct {
	ctx context.Context
}

// SyncInfo is what the Cloud Sync tab and the Sync button show.
type SyncInfo struct {
	Mode            string `json:"mode"` // none | icloud | folder
	Folder          string `json:"folder"`
	Configured      bool   `json:"configured"`
	AutoSync        bool   `json:"autoSync"`
	ICloudAvailable bool   `json:"icloudAvailable"`
	ICloudReason    string `json:"icloudReason"`
	State           string `json:"state"` // off | idle | syncing | needs-password | error
	Message         string `json:"message"`
	Hint            string `json:"hint"`
	LastSync        string `json:"lastSync"` // RFC 3339, "" if never
	Existing        bool   `json:"existing"` // Probe: the location has another device's sync data
}

var errNoSync = errors.New("sync is not available in this build yet")

func NewSyncAPI() *SyncAPI { return &SyncAPI{} }

func (s *SyncAPI) start(ctx context.Context) { s.ctx = ctx }
func (s *SyncAPI) stop()                     {}

func (s *SyncAPI) off() SyncInfo { return SyncInfo{Mode: "none", State: "off", AutoSync: true} }

// Info returns the sync settings and status.
func (s *SyncAPI) Info() (SyncInfo, error) { return s.off(), nil }

// Probe looks at a sync location before setup.
func (s *SyncAPI) Probe(mode, folder string) (SyncInfo, error) { return s.off(), explained(errNoSync) }

// Setup turns sync on at a location with the cloud sync password.
func (s *SyncAPI) Setup(mode, folder, password string) (SyncInfo, error) {
	return s.off(), explained(errNoSync)
}

// EnterPassword gives the cloud sync password another device changed.
func (s *SyncAPI) EnterPassword(password string) (SyncInfo, error) {
	return s.off(), explained(errNoSync)
}

// ChangePassword sets a new cloud sync password for every device.
func (s *SyncAPI) ChangePassword(password string) (SyncInfo, error) {
	return s.off(), explained(errNoSync)
}

// SetAutoSync turns automatic sync on or off.
func (s *SyncAPI) SetAutoSync(on bool) (SyncInfo, error) { return s.off(), explained(errNoSync) }

// SyncNow syncs at once.
func (s *SyncAPI) SyncNow() (SyncInfo, error) { return s.off(), explained(errNoSync) }

// Disable stops syncing on this device.
func (s *SyncAPI) Disable() (SyncInfo, error) { return s.off(), nil }

// RevealPassword returns the cloud sync password.
func (s *SyncAPI) RevealPassword() (string, error) { return "", explained(errNoSync) }
