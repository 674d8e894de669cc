package main

import (
	"crypto/rand"
	bin "encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vaultbar/backend/format"
	"vaultbar/internal/disktest"
)

// The sync folder's key files on hostile ground, through the real binary:
// a changed password revokes the old one, junk key files are ignored and
// reported, and a missing key file is written again.

// keyFiles returns the key files of epoch in the sync folder.
func keyFiles(t *testing.T, dir, pattern string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "Vaultbar", "keys", pattern))
	return m
}

// The old password can't join, can't be entered back, and a device that
// holds only it writes nothing after the change.
func TestSyncOldPasswordIsRevoked(t *testing.T) {
	dir := t.TempDir()
	a, b, m := initialised(t), initialised(t), initialised(t)
	setup := []string{"sync", "setup", "--provider", "folder", "--dir", dir}
	for _, c := range []*cli{a, b, m} {
		c.withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword).ok(setup...)
	}
	a.ok("add", "login", "Before", "username=ann")
	a.ok("sync", "now")

	a.withEnv("VAULTBAR_NEW_SYNC_PASSWORD", newSyncPassword).ok("sync", "password", "change")
	b.fails(exitWrongSyncPassword, "not the one set on your other devices any more: it is an earlier one, changed since",
		"enter the newest cloud sync password", "sync", "password", "enter")
	wantIn(t, "B's enter", b.withEnv("VAULTBAR_SYNC_PASSWORD", newSyncPassword).ok("sync", "password", "enter"),
		"Syncing again with the new cloud sync password")

	t.Log("a new device with the old password: refused, nothing written")
	c := initialised(t).withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword)
	before := disktest.Snapshot(t, dir)
	c.fails(exitWrongSyncPassword, "an earlier one, changed since", "newest", setup...)
	if d := disktest.Diff(before, disktest.Snapshot(t, dir)); d != "" {
		t.Fatalf("the old password wrote to the sync folder:\n%s", d)
	}
	wantIn(t, "C's status", c.ok("sync", "status"), "Sync is off on this device")

	t.Log("a device holding only the old password writes nothing")
	m.ok("add", "login", "From the old password")
	before = disktest.Snapshot(t, dir)
	m.fails(exitSyncNeedsPassword, "the cloud sync password was changed on another device", "sync password enter", "sync", "now")
	r := m.fails(exitSyncNeedsPassword, "the cloud sync password was changed on another device", "sync password enter", "sync", "status")
	wantIn(t, "M's status", r.stdout, "changed on another device; enter the new one")
	if d := disktest.Diff(before, disktest.Snapshot(t, dir)); d != "" {
		t.Fatalf("a device with the old password wrote:\n%s", d)
	}
	a.ok("sync", "now")
	wantNotIn(t, "A's records", a.ok("ls"), "From the old password")
	wantIn(t, "B's records", b.ok("ls"), "Before")
}

// Junk key files never stop sync or ask for a password; they are named in
// one warning.
func TestSyncJunkKeyFilesAreIgnored(t *testing.T) {
	dir := t.TempDir()
	a, b := initialised(t), initialised(t)
	setup := []string{"sync", "setup", "--provider", "folder", "--dir", dir}
	a.withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword).ok(setup...)
	b.withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword).ok(setup...)

	real := keyFiles(t, dir, "1-*.vbk")
	if len(real) != 1 {
		t.Fatalf("key files: %v", real)
	}
	data, _ := os.ReadFile(real[0])
	keys := filepath.Dir(real[0])
	junk := make([]byte, 500)
	rand.Read(junk)
	os.WriteFile(filepath.Join(keys, "5-x.vbk"), junk, 0o600)
	os.WriteFile(filepath.Join(keys, "18446744073709551615-x.vbk"), data, 0o600)
	// A key file asking for 4 GiB per derivation, beyond what Vaultbar writes.
	bomb := append([]byte(nil), data...)
	memAt := len(format.SyncKeyMagic) + 2 + 8 + 1 + int(bomb[len(format.SyncKeyMagic)+10]) + 4
	bin.BigEndian.PutUint32(bomb[memAt:], 4<<20)
	os.WriteFile(filepath.Join(keys, "2-bomb.vbk"), bomb, 0o600)

	a.ok("add", "login", "Through the junk")
	out := a.ok("sync", "now")
	wantIn(t, "A's sync now", out, "Synced with the sync folder",
		"Warning: ignored 3 files in the sync folder that no device of yours wrote (keys/18446744073709551615-x.vbk, keys/2-bomb.vbk, keys/5-x.vbk)")
	if strings.Count(out, "Warning: ignored") != 1 {
		t.Fatalf("reported more than once:\n%s", out)
	}
	wantIn(t, "B's status", b.ok("sync", "status"), "Synced with the sync folder", "Warning: ignored 3 files")
	wantIn(t, "B's records", b.ok("ls"), "Through the junk")
	c := initialised(t).withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword)
	wantIn(t, "C joins", c.ok(setup...), "Joined the sync data")
	wantIn(t, "C's records", c.ok("ls"), "Through the junk")
}

// A deleted key file is written again by a device that holds it; until
// then, no device joins, and a folder with data is never taken for new.
func TestSyncMissingKeyFileIsRewritten(t *testing.T) {
	dir := t.TempDir()
	a := initialised(t)
	setup := []string{"sync", "setup", "--provider", "folder", "--dir", dir}
	a.withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword).ok(setup...)
	a.ok("add", "login", "Kept")
	a.ok("sync", "now")
	for _, f := range keyFiles(t, dir, "*.vbk") {
		os.Remove(f)
	}

	d := initialised(t).withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword)
	before := disktest.Snapshot(t, dir)
	r := d.fails(exitGeneral, "the sync folder holds sync data, but the key file it was written with is missing",
		"sync once on a device that already syncs", setup...)
	wantIn(t, "D's setup stderr", r.stderr, "Found Vaultbar sync data")
	if diff := disktest.Diff(before, disktest.Snapshot(t, dir)); diff != "" {
		t.Fatalf("a refused setup wrote:\n%s", diff)
	}

	a.ok("sync", "now")
	if len(keyFiles(t, dir, "1-*.vbk")) != 1 {
		t.Fatal("the key file was not written again")
	}
	wantIn(t, "D joins", d.ok(setup...), "Joined the sync data")
	wantIn(t, "D's records", d.ok("ls"), "Kept")
}
