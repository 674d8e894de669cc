package main

import (
	"os"
	"path/filepath"
	"testing"

	"vaultbar/internal/disktest"
)

// Sync with iCloud's prerequisites (signed in, iCloud Drive on) are said
// at setup, with what to do, and nothing is written anywhere.
func TestSyncICloudPrerequisites(t *testing.T) {
	c := initialised(t)
	drive := t.TempDir()
	c.withEnv("VAULTBAR_ICLOUD_DIR", drive).withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword)
	before := disktest.Snapshot(t, drive)
	c.withEnv("VAULTBAR_ICLOUD_ACCOUNT", "signed-out")
	c.fails(exitGeneral, "this Mac is not signed in to iCloud", "same Apple Account on every device",
		"sync", "setup", "--provider", "icloud")
	c.withEnv("VAULTBAR_ICLOUD_ACCOUNT", "drive-off")
	c.fails(exitGeneral, "iCloud Drive is turned off on this Mac", "turn on iCloud Drive",
		"sync", "setup", "--provider", "icloud")
	if d := disktest.Diff(before, disktest.Snapshot(t, drive)); d != "" {
		t.Fatalf("a refused iCloud setup wrote:\n%s", d)
	}
	wantIn(t, "status", c.ok("sync", "status"), "Sync is off on this device")
}

// With a ubiquity container, the sync data goes to its Documents folder,
// not to the iCloud Drive folder.
func TestSyncICloudUsesContainer(t *testing.T) {
	c := initialised(t)
	drive, container := t.TempDir(), t.TempDir()
	c.withEnv("VAULTBAR_ICLOUD_DIR", drive).withEnv("VAULTBAR_ICLOUD_CONTAINER", container)
	c.withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword).ok("sync", "setup", "--provider", "icloud")
	if ents, err := os.ReadDir(filepath.Join(container, "Documents")); err != nil || len(ents) == 0 {
		t.Fatalf("container's Documents: %v, %v", ents, err)
	}
	if ents, _ := os.ReadDir(drive); len(ents) != 0 {
		t.Fatalf("iCloud Drive folder written to: %v", ents)
	}
}
