package main

import (
	bin "encoding/binary"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"vaultbar/internal/disktest"

	"vaultbar/backend/format"
)

// Two devices (two VAULTBAR_HOMEs) syncing through one folder, through the
// real binary: what a person sees at each step.

const (
	syncPassword    = "a long cloud sync passphrase"
	newSyncPassword = "another long cloud sync passphrase"
)

func (c *cli) withEnv(k, v string) *cli {
	c.env[k] = v
	return c
}

func TestSyncTwoDevices(t *testing.T) {
	dir := t.TempDir()
	a, b := initialised(t), initialised(t)
	setup := []string{"sync", "setup", "--provider", "folder", "--dir", dir}

	t.Log("not set up yet")
	wantIn(t, "status before setup", a.ok("sync", "status"), "Sync is off on this device")
	a.fails(exitSyncNotSetUp, "sync is not set up on this device", "vaultbar sync setup", "sync", "now")

	t.Log("the first device sets a new cloud sync password")
	a.withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword)
	r := a.run(setup...)
	if r.code != 0 {
		t.Fatalf("setup on A: exit %d\n%s", r.code, r.stderr)
	}
	wantIn(t, "A's setup stderr", r.stderr, "No Vaultbar sync data in the folder "+dir+" yet", "set a new cloud sync password",
		"can't be recovered", "no replacement for backups", "Password strength:")
	wantIn(t, "A's setup stdout", r.stdout, "Set a new cloud sync password for the folder "+dir, "Auto-sync is on",
		"kept in the encrypted vault", "Warning: the cloud sync password is kept in the encrypted vault because no keyring is available")

	t.Log("the second device: a wrong password is refused and nothing is written")
	before := disktest.Snapshot(t, dir)
	b.withEnv("VAULTBAR_SYNC_PASSWORD", "not the cloud sync password")
	r = b.fails(exitWrongSyncPassword, "the cloud sync password is not the one set on your other devices",
		"vaultbar sync password reveal", setup...)
	wantIn(t, "B's setup stderr", r.stderr, "Found Vaultbar sync data in the folder "+dir+": enter the existing cloud sync password")
	wantNotIn(t, "B's setup stderr", r.stderr, "Password strength")
	if d := disktest.Diff(before, disktest.Snapshot(t, dir)); d != "" {
		t.Fatalf("a wrong cloud sync password wrote to the sync folder:\n%s", d)
	}
	wantIn(t, "B's status after the wrong password", b.ok("sync", "status"), "Sync is off on this device")

	t.Log("the second device joins with the right password")
	b.withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword)
	wantIn(t, "B's setup", b.ok(setup...), "Joined the sync data in the folder "+dir+" with the existing cloud sync password")

	t.Log("edits on both, sync now on each")
	a.ok("add", "login", "Alpha", "username=ann")
	b.ok("add", "login", "Beta", "username=bob")
	wantIn(t, "A's sync now", a.ok("sync", "now"), "Synced with the sync folder at")
	b.ok("sync", "now")
	a.ok("sync", "now")
	wantIn(t, "A's records", a.ok("ls"), "Alpha", "Beta")
	wantIn(t, "B's records", b.ok("ls"), "Alpha", "Beta")
	wantIn(t, "B's reveal", b.ok("sync", "password", "reveal"), syncPassword)

	t.Log("a password change on A; B says it needs the new one")
	a.withEnv("VAULTBAR_NEW_SYNC_PASSWORD", newSyncPassword)
	wantIn(t, "A's change", a.ok("sync", "password", "change"), "Changed the cloud sync password", "ask for the new one")
	wantIn(t, "A's reveal", a.ok("sync", "password", "reveal"), newSyncPassword)
	b.ok("add", "login", "Gamma", "username=gil")
	r = b.fails(exitSyncNeedsPassword, "the cloud sync password was changed on another device", "vaultbar sync password enter", "sync", "status")
	wantIn(t, "B's status", r.stdout, "The cloud sync password was changed on another device; enter the new one.")
	var rep syncReport
	if r = b.run("sync", "status", "--json"); r.code != exitSyncNeedsPassword {
		t.Fatalf("B's status --json: exit %d, want %d", r.code, exitSyncNeedsPassword)
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Status.State != "needs-password" || rep.Provider != "folder" || rep.Folder != dir {
		t.Fatalf("B's status --json = %+v", rep)
	}
	b.fails(exitSyncNeedsPassword, "the cloud sync password was changed on another device",
		"vaultbar sync password enter", "sync", "now")
	b.withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword)
	b.fails(exitWrongSyncPassword, "not the one set on your other devices", "", "sync", "password", "enter")
	b.withEnv("VAULTBAR_SYNC_PASSWORD", newSyncPassword)
	wantIn(t, "B's enter", b.ok("sync", "password", "enter"), "Syncing again with the new cloud sync password")
	wantIn(t, "B's reveal after enter", b.ok("sync", "password", "reveal"), newSyncPassword)
	a.ok("sync", "now")
	wantIn(t, "A's records after B entered the password", a.ok("ls"), "Gamma")

	t.Log("auto-sync off and on")
	wantIn(t, "auto off", a.ok("sync", "auto", "off"), "Auto-sync is off")
	wantIn(t, "status", a.ok("sync", "status"), "Auto-sync:", "off")
	a.ok("sync", "auto", "on")

	t.Log("off on B removes the password")
	wantIn(t, "B's off", b.ok("sync", "off"), "Sync is off on this device", "stays in the folder "+dir)
	b.fails(exitSyncNotSetUp, "sync is not set up", "", "sync", "password", "reveal")
	wantIn(t, "B's status after off", b.ok("sync", "status"), "Sync is off on this device")
}

func TestSyncRefusesANewerFormat(t *testing.T) {
	a, c := initialised(t), initialised(t)
	src, dir := t.TempDir(), t.TempDir()
	a.withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword).ok("sync", "setup", "--provider", "folder", "--dir", src)

	// A key file from a newer Vaultbar in the folder the third device joins.
	keys := filepath.Join(src, "Vaultbar", "keys")
	ents, err := os.ReadDir(keys)
	if err != nil || len(ents) == 0 {
		t.Fatalf("no key file: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(keys, ents[0].Name()))
	if err != nil {
		t.Fatal(err)
	}
	bin.BigEndian.PutUint16(data[len(format.SyncKeyMagic):], format.SyncKeyVersion+1)
	if err := os.MkdirAll(filepath.Join(dir, "Vaultbar", "keys"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Vaultbar", "keys", ents[0].Name()), data, 0o600); err != nil {
		t.Fatal(err)
	}
	before := disktest.Snapshot(t, dir)
	c.withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword)
	c.fails(exitSyncNewerFormat, "the sync data was written by a newer version of Vaultbar",
		"update Vaultbar on this device", "sync", "setup", "--provider", "folder", "--dir", dir)
	if d := disktest.Diff(before, disktest.Snapshot(t, dir)); d != "" {
		t.Fatalf("wrote to a sync folder of a newer format:\n%s", d)
	}
	wantIn(t, "status", c.ok("sync", "status"), "Sync is off on this device")
}

func TestSyncSetupMistakes(t *testing.T) {
	c := initialised(t)
	c.fails(exitUsage, "sync setup needs --provider", "usage: vaultbar sync setup", "sync", "setup")
	c.fails(exitUsage, "--provider folder needs --dir", "", "sync", "setup", "--provider", "folder")
	c.fails(exitInvalid, `"dropbox" is not a way to sync`, "", "sync", "setup", "--provider", "dropbox")
	c.fails(exitGeneral, "the folder to sync with does not exist", "choose a folder that exists",
		"sync", "setup", "--provider", "folder", "--dir", filepath.Join(t.TempDir(), "missing"))
	c.withEnv("VAULTBAR_ICLOUD_DIR", filepath.Join(t.TempDir(), "none"))
	c.fails(exitGeneral, "iCloud Drive is not available on this computer", "sync with a folder instead",
		"sync", "setup", "--provider", "icloud")
	c.fails(exitUsage, "unknown subcommand", "vaultbar sync setup", "sync", "sideways")
	c.fails(exitUsage, `expected on or off`, "", "sync", "auto", "maybe")
	c.withEnv("VAULTBAR_SYNC_PASSWORD", "abc")
	c.fails(exitInvalid, "too easy to guess", "", "sync", "setup", "--provider", "folder", "--dir", t.TempDir())
	wantIn(t, "help", c.ok("help", "sync"), "can't be recovered", "no replacement for backups", "sync password change|reveal|enter")
	wantIn(t, "usage", c.ok("help"), "sync", "11 wrong cloud sync password", "VAULTBAR_SYNC_PASSWORD")
}

// watch syncs by itself until interrupted, then publishes and exits 0.
func TestSyncWatch(t *testing.T) {
	dir := t.TempDir()
	a, b := initialised(t), initialised(t)
	setup := []string{"sync", "setup", "--provider", "folder", "--dir", dir}
	a.withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword).ok(setup...)
	b.withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword).ok(setup...)

	cmd := exec.Command(binary, "sync", "watch")
	cmd.Env = []string{"VAULTBAR_HOME=" + b.home, "VAULTBAR_TEST_LIGHT_KDF=1", "VAULTBAR_PASSWORD=" + password, "HOME=" + b.home}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	var out, errb lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()

	// A change from A arrives in B's vault while watch runs: watch holds the
	// vault, so B's other commands wait; look at the sync folder instead and
	// check B's vault after watch exits.
	synced := func() int { return strings.Count(out.String(), "Synced with") }
	waitUntil(t, "watch's first sync", func() bool { return synced() >= 1 }, &out, &errb)
	n := synced()
	a.ok("add", "login", "Seen by watch")
	a.ok("sync", "now")
	waitUntil(t, "watch to sync A's change", func() bool { return synced() > n }, &out, &errb)
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("watch after SIGTERM: %v\nstderr: %s", err, errb.String())
	}
	wantIn(t, "watch stderr", errb.String(), "Watching the folder "+dir, "Stopping")
	wantIn(t, "B's records after watch", b.ok("ls"), "Seen by watch")
}

// lockedBuffer collects a running command's output for the test to read.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func waitUntil(t *testing.T, what string, ok func() bool, out, errb *lockedBuffer) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s\nstdout: %s\nstderr: %s", what, out.String(), errb.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}
