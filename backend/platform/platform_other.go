//go:build !darwin

package platform

import "os"

// icloudDrive has no default off macOS: iCloud Drive is offered only where
// the override points at a folder.
func icloudDrive() (string, error) { return "", ErrNoICloud }

// native is a plain folder: a sync service here (Syncthing, a network share,
// Dropbox on Linux) keeps whole files on disk.
type native struct{}

func (native) Download(string) error             { return nil }
func (native) Dataless(string, os.FileInfo) bool { return false }
