package main

import (
	bin "encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vaultbar/backend/format"
	"vaultbar/backend/syncfolder"
	"vaultbar/internal/disktest"
)

// Issue 10, through the real binary: two homes on one folder, and someone
// else writing that folder.

// pair sets up sync on two new homes sharing a folder, returning them, the
// sync folder (dir/Vaultbar) and A's device folder in it.
func pair(t *testing.T) (a, b *cli, root, own string) {
	dir := t.TempDir()
	root = filepath.Join(dir, syncfolder.DirName)
	a, b = initialised(t), initialised(t)
	a.withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword).ok("sync", "setup", "--provider", "folder", "--dir", dir)
	own = deviceDir(t, root)
	b.withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword).ok("sync", "setup", "--provider", "folder", "--dir", dir)
	return a, b, root, own
}

// deviceDir is the folder of the only device in root.
func deviceDir(t *testing.T, root string) string {
	t.Helper()
	ents, _ := os.ReadDir(filepath.Join(root, syncfolder.DevicesDir))
	if len(ents) != 1 {
		t.Fatalf("device folders: %v", ents)
	}
	return filepath.Join(root, syncfolder.DevicesDir, ents[0].Name())
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	os.RemoveAll(to)
	if out, err := exec.Command("cp", "-a", from, to).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
}

// Case 5: a device's folder restored from an older copy. The device that
// read newer files says it is waiting (exit 0, never "Synced"); the
// restored device republishes at its next sync, and both then agree.
func TestSyncHealsARestoredDeviceFolder(t *testing.T) {
	a, b, _, own := pair(t)
	a.ok("add", "login", "Alpha")
	a.ok("sync", "now")
	backup := filepath.Join(t.TempDir(), "backup")
	copyDir(t, own, backup)
	a.ok("add", "login", "Beta")
	a.ok("sync", "now")
	b.ok("sync", "now")
	a.ok("add", "login", "Gamma")
	a.ok("sync", "now")
	copyDir(t, backup, own) // "restore previous version"

	st := b.ok("sync", "status")
	wantIn(t, "B's status while A's folder is rolled back", st, "Waiting for device", "went back to an older state")
	wantNotIn(t, "B's status while A's folder is rolled back", st, "Synced")
	wantIn(t, "B's records", b.ok("ls"), "Alpha", "Beta")
	wantNotIn(t, "B's records", b.ok("ls"), "Gamma")

	a.ok("sync", "now") // notices its files went back, republishes
	wantIn(t, "B's status after A republished", b.ok("sync", "status"), "Synced with the sync folder at")
	for _, c := range []*cli{a, b} {
		ls := c.ok("ls")
		wantIn(t, "records", ls, "Alpha", "Beta", "Gamma")
		if n := strings.Count(ls, "\n"); n != strings.Count(a.ok("ls"), "\n") {
			t.Fatalf("the devices hold different records:\n%s\n%s", ls, a.ok("ls"))
		}
	}
}

// Case 6: junk in the sync folder costs a status line, not a sync; sync
// clean moves it beside the sync folder and deletes nothing.
func TestSyncIgnoresAndCleansUpJunk(t *testing.T) {
	a, b, root, own := pair(t)
	a.ok("add", "login", "Alpha")
	a.ok("sync", "now")
	b.ok("sync", "now")
	for i := range 300 {
		os.MkdirAll(filepath.Join(root, "devices", fmt.Sprintf("empty%03d", i)), 0o700)
	}
	junk := filepath.Join(root, "devices", "junk", "s-1-1.vbs")
	os.MkdirAll(filepath.Dir(junk), 0o700)
	os.WriteFile(junk, []byte("not a sync file"), 0o600)
	huge := filepath.Join(root, "devices", "huge", "s-1-1.vbs")
	os.MkdirAll(filepath.Dir(huge), 0o700)
	os.WriteFile(huge, nil, 0o600)
	os.Truncate(huge, syncfolder.MaxSyncFile+1)
	forged := filepath.Join(own, "c-1-77.vbc")
	os.WriteFile(forged, []byte("forged"), 0o600)

	st := b.ok("sync", "status")
	wantIn(t, "B's status with junk", st, "Synced with the sync folder at", "with 3 files ignored.",
		"Warning: devices/junk/s-1-1.vbs in the sync folder could not be read", "larger than any file Vaultbar writes")
	out := b.ok("sync", "clean")
	aside := filepath.Join(filepath.Dir(root), "Vaultbar-ignored-"+time.Now().Format("2006-01-02"))
	wantIn(t, "B's clean", out, "Moved 3 files that no device of yours wrote out of the sync folder, into "+aside, "Nothing was deleted.")
	for _, p := range []string{junk, huge, forged} {
		rel, _ := filepath.Rel(root, p)
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s is still in the sync folder", rel)
		}
		if _, err := os.Stat(filepath.Join(aside, rel)); err != nil {
			t.Errorf("%s was not set aside: %v", rel, err)
		}
	}
	for _, c := range []*cli{a, b} {
		st := c.ok("sync", "status")
		wantIn(t, "status after clean up", st, "Synced with the sync folder at")
		wantNotIn(t, "status after clean up", st, "ignored", "Warning: devices")
		wantIn(t, "records", c.ok("ls"), "Alpha")
	}
	wantIn(t, "a second clean", b.ok("sync", "clean"), "Nothing to clean up")
}

// Case 7: a device folder replaced by a link to outside the sync folder:
// the device refuses to write, says why and what to do, and exits 15; the
// last good sync is still shown.
func TestSyncRefusesALinkedDeviceFolder(t *testing.T) {
	a, _, _, own := pair(t)
	a.ok("sync", "now")
	outside := t.TempDir()
	os.Rename(own, filepath.Join(t.TempDir(), "moved"))
	if err := os.Symlink(outside, own); err != nil {
		t.Fatal(err)
	}
	a.ok("add", "login", "Alpha")
	a.fails(exitSyncFailed, "Vaultbar stopped writing to the sync folder", "move the link away", "sync", "now")
	r := a.fails(exitSyncFailed, "a folder inside the sync folder is a link to a place outside it", "move the link away", "sync", "status")
	wantIn(t, "A's status", r.stdout, "Vaultbar stopped writing", "Last sync:")
	for _, l := range strings.Split(r.stdout, "\n") {
		if strings.HasPrefix(l, "Last sync:") && strings.HasSuffix(l, " -") {
			t.Fatalf("the last good sync is not shown: %q", l)
		}
	}
	if ents, _ := os.ReadDir(outside); len(ents) != 0 {
		t.Fatalf("wrote outside the sync folder: %v", ents)
	}
	os.Remove(own)
	wantIn(t, "A's sync once the link is gone", a.ok("sync", "now"), "Synced with the sync folder at")
}

// Status tells the truth: sync status exits 12 once the sync data needs a
// newer Vaultbar, and nothing is written.
func TestSyncStatusExitsWhenHalted(t *testing.T) {
	a, _, root, _ := pair(t)
	keys := filepath.Join(root, syncfolder.KeysDir)
	ents, _ := os.ReadDir(keys)
	data, err := os.ReadFile(filepath.Join(keys, ents[0].Name()))
	if err != nil {
		t.Fatal(err)
	}
	bin.BigEndian.PutUint16(data[len(format.SyncKeyMagic):], format.SyncKeyVersion+1) // key files have their own version
	os.WriteFile(filepath.Join(keys, "9-zzzz.vbk"), data, 0o600)
	before := disktest.Snapshot(t, root)
	r := a.fails(exitSyncNewerFormat, "the sync data was written by a newer version of Vaultbar", "update Vaultbar on this device", "sync", "status")
	wantIn(t, "A's status", r.stdout, "The sync data was written by a newer version of Vaultbar")
	if d := disktest.Diff(before, disktest.Snapshot(t, root)); d != "" {
		t.Fatalf("wrote to a sync folder of a newer format:\n%s", d)
	}
}
