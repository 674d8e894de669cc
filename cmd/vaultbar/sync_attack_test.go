package main

import (
	"bytes"
	"crypto/rand"
	"os"
	"path/filepath"
	"testing"
	"time"

	"vaultbar/backend/syncfolder"
)

// Found by attacking sync through the binary (issue 10, second wave).

// A data folder restored from a copy made before an edit that was already
// published (the README suggests keeping such copies) gets that edit back
// from its own files in the sync folder, like every other device has it.
func TestSyncRestoredDataFolderGetsItsEditsBack(t *testing.T) {
	a, b, _, _ := pair(t)
	a.ok("add", "login", "Alpha")
	a.ok("sync", "now")
	backup := filepath.Join(t.TempDir(), "home")
	copyDir(t, a.home, backup)
	a.ok("add", "login", "Beta")
	a.ok("sync", "now")
	b.ok("sync", "now")
	wantIn(t, "B's records", b.ok("ls"), "Alpha", "Beta")
	copyDir(t, backup, a.home)
	wantNotIn(t, "A's records once restored", a.ok("ls"), "Beta")
	a.ok("sync", "now")
	for _, c := range []*cli{a, b} {
		wantIn(t, "records", c.ok("ls"), "Alpha", "Beta")
	}
}

// A part of the sync folder this user may not read or write is named as
// such, with exit 17 and a hint that works, never as "the vault's folder
// can't be written to" (exit 1) with a hint to move the vault.
func TestSyncFolderPermissionsNameTheSyncFolder(t *testing.T) {
	c := newCLI(t)
	asNobody(t, c)
	c.ok("init")
	dir := t.TempDir()
	if err := os.Chown(dir, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	c.withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword).ok("sync", "setup", "--provider", "folder", "--dir", dir)
	root := filepath.Join(dir, syncfolder.DirName)
	own, keys := deviceDir(t, root), filepath.Join(root, syncfolder.KeysDir)
	c.ok("add", "login", "Alpha")

	os.Chmod(own, 0o555)
	defer os.Chmod(own, 0o755)
	c.fails(exitSyncFailed, "permission denied: this user may not read or write "+own+", in the sync folder", "chmod -R u+rwX", "sync", "now")
	os.Chmod(own, 0o755)

	t.Log("another device's folder this user may not read: skipped and named, sync goes on")
	peer := filepath.Join(root, syncfolder.DevicesDir, "0123456789abcdef01234567")
	os.MkdirAll(peer, 0o700)
	os.WriteFile(filepath.Join(peer, "s-1-1.vbs"), []byte("whatever"), 0o600)
	os.Chmod(peer, 0)
	defer os.Chmod(peer, 0o700)
	wantIn(t, "sync now", c.ok("sync", "now"), "Synced with the sync folder at")
	wantIn(t, "sync status", c.ok("sync", "status"), "Synced with the sync folder at",
		"Warning: devices/0123456789abcdef01234567 in the sync folder can't be read by this user and was skipped")
	os.Chmod(peer, 0o700)

	os.Chmod(keys, 0)
	defer os.Chmod(keys, 0o755)
	c.fails(exitSyncFailed, "permission denied: this user may not read or write "+keys+", in the sync folder", "chmod -R u+rwX", "sync", "now")
	r := c.run("sync", "status")
	if r.code != exitSyncFailed {
		t.Errorf("sync status with keys/ unreadable: exit %d, want %d\n%s%s", r.code, exitSyncFailed, r.stdout, r.stderr)
	}
	wantNotIn(t, "sync status", r.stdout+r.stderr, "vault's folder")
	os.Chmod(keys, 0o755)

	wantIn(t, "sync once access is back", c.ok("sync", "now"), "Synced with the sync folder at")
}

// Key files no device of yours wrote are counted in the status line like
// other ignored files, and sync clean moves them beside the sync folder:
// before, the status said "Synced" with no count while a warning named them,
// and sync clean said every file was written by a device of yours.
func TestSyncCleansUpJunkKeyFiles(t *testing.T) {
	a, b, root, _ := pair(t)
	a.ok("add", "login", "Alpha")
	a.ok("sync", "now")
	keys := filepath.Join(root, syncfolder.KeysDir)
	real, _ := filepath.Glob(filepath.Join(keys, "*.vbk"))
	if len(real) != 1 {
		t.Fatalf("key files: %v", real)
	}
	data, _ := os.ReadFile(real[0])
	junk := make([]byte, 300)
	rand.Read(junk)
	os.WriteFile(filepath.Join(keys, "3-x.vbk"), junk, 0o600)
	os.WriteFile(filepath.Join(keys, "18446744073709551615-x.vbk"), data, 0o600)

	wantIn(t, "B's status", b.ok("sync", "status"), "with 2 files ignored.",
		"Warning: ignored 2 files in the sync folder that no device of yours wrote (keys/18446744073709551615-x.vbk, keys/3-x.vbk)")
	aside := filepath.Join(filepath.Dir(root), "Vaultbar-ignored-"+time.Now().Format("2006-01-02"))
	wantIn(t, "B's clean", b.ok("sync", "clean"), "Moved 2 files that no device of yours wrote out of the sync folder, into "+aside, "Nothing was deleted.")
	for _, name := range []string{"3-x.vbk", "18446744073709551615-x.vbk"} {
		if _, err := os.Stat(filepath.Join(keys, name)); err == nil {
			t.Errorf("%s is still in the sync folder", name)
		}
		if _, err := os.Stat(filepath.Join(aside, syncfolder.KeysDir, name)); err != nil {
			t.Errorf("%s was not set aside: %v", name, err)
		}
	}
	if now, _ := os.ReadFile(real[0]); !bytes.Equal(now, data) {
		t.Fatal("the real key file changed")
	}
	for _, c := range []*cli{a, b} {
		st := c.ok("sync", "status")
		wantIn(t, "status after clean up", st, "Synced with the sync folder at")
		wantNotIn(t, "status after clean up", st, "ignored")
		wantIn(t, "records", c.ok("ls"), "Alpha")
	}
}

// A file where the sync folder's keys folder belongs is named, with exit 17
// and a hint that works: once it is moved away, the key file is written
// again and sync goes on.
func TestSyncFileInPlaceOfKeysFolder(t *testing.T) {
	a, b, root, _ := pair(t)
	a.ok("add", "login", "Alpha")
	a.ok("sync", "now")
	keys := filepath.Join(root, syncfolder.KeysDir)
	os.RemoveAll(keys)
	os.WriteFile(keys, []byte("junk"), 0o600)
	a.fails(exitSyncFailed, keys+" is a file where Vaultbar keeps a folder, in the sync folder", "move it out of the sync folder", "sync", "now")
	os.Rename(keys, filepath.Join(t.TempDir(), "keys"))
	wantIn(t, "A's sync once it is moved", a.ok("sync", "now"), "Synced with the sync folder at")
	b.ok("sync", "now")
	wantIn(t, "B's records", b.ok("ls"), "Alpha")
}
