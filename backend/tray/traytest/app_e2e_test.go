//go:build e2e

package traytest

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"vaultbar/internal/disktest"
)

// The built app's tray, read as a desktop panel reads it. Run by make
// test-e2e after make build-dev:
//
//	xvfb-run -a go test -tags e2e -count=1 ./backend/tray/traytest -app build/bin/vaultbar-dev
var (
	appBinary = flag.String("app", "../../../build/bin/vaultbar-dev", "the dev-tagged Vaultbar binary (make build-dev)")
	assetDir  = flag.String("assets", "../../../frontend/dist", "the built frontend")
)

const password = "correct horse battery staple"

// session is a private bus with a watcher on it, as a desktop has.
type session struct {
	bus *Bus
	w   *Watcher
}

func newSession(t *testing.T) *session {
	t.Helper()
	if os.Getenv("DISPLAY") == "" {
		t.Fatal("no X display\nhint: run under xvfb-run -a (make test-e2e does)")
	}
	// Our own bus, so the watcher name is free and nothing else answers.
	bus, err := StartBus()
	if err != nil {
		t.Fatalf("%v\nhint: apt-get install dbus", err)
	}
	t.Cleanup(bus.Close)
	conn, err := bus.Connect()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	w, err := StartWatcher(conn)
	if err != nil {
		t.Fatal(err)
	}
	return &session{bus: bus, w: w}
}

// trayApp is a running app and its tray menu as the panel sees it.
type trayApp struct {
	t *testing.T
	*App
	menu    *Menu
	entries []Entry
}

func (s *session) start(t *testing.T, home string) *trayApp {
	t.Helper()
	bin, _ := filepath.Abs(*appBinary)
	assets, _ := filepath.Abs(*assetDir)
	app, err := StartApp(bin, assets, home, []string{"DBUS_SESSION_BUS_ADDRESS=" + s.bus.Address})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Kill)
	a := &trayApp{t: t, App: app}
	item, err := s.w.WaitFor(app.Cmd.Process.Pid, 30*time.Second)
	if err != nil {
		a.fail("the app's tray item did not register: %v", err)
	}
	if a.menu, err = s.w.Menu(item); err != nil {
		a.fail("%v", err)
	}
	return a
}

func (a *trayApp) fail(format string, args ...any) {
	a.t.Helper()
	a.t.Fatalf(format+"\napp log:\n%s", append(args, a.Log)...)
}

// waitMenu waits until the menu's outline satisfies ok.
func (a *trayApp) waitMenu(what string, ok func(outline string) bool) {
	a.t.Helper()
	var last string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		es, err := a.menu.Read()
		if err != nil {
			last = err.Error()
			continue
		}
		a.entries, last = es, Outline(es)
		if ok(last) {
			return
		}
	}
	a.fail("the tray menu never showed %s; it shows:\n%s", what, last)
}

// click picks the enabled item labelled label in the menu last read.
func (a *trayApp) click(label string) {
	a.t.Helper()
	e, ok := Find(a.entries, label)
	if !ok || !e.Enabled {
		a.fail("no enabled %q in the tray menu:\n%s", label, Outline(a.entries))
	}
	if err := a.menu.Click(e.ID); err != nil {
		a.fail("click %q: %v", label, err)
	}
}

func (a *trayApp) call(method string, result any, args ...any) {
	a.t.Helper()
	if err := a.Call(method, result, args...); err != nil {
		a.fail("%v", err)
	}
}

// TestAppTrayQuit: Quit in the tray of a locked app ends it, cleanly.
func TestAppTrayQuit(t *testing.T) {
	a := newSession(t).start(t, t.TempDir())
	a.waitMenu("the locked menu", func(s string) bool { return s == lockedMenu })
	a.click("Quit Vaultbar")
	if !a.Wait(15 * time.Second) {
		a.fail("the app still runs 15s after Quit in the tray")
	}
	if !a.Cmd.ProcessState.Success() {
		a.fail("the app exited with %v after Quit", a.Cmd.ProcessState)
	}
}

// TestAppTraySearchWhenLocked: Search… in the tray of a locked app opens
// Quick Access (which asks for the password first), as the global
// shortcut does; the page is told to show the panel.
func TestAppTraySearchWhenLocked(t *testing.T) {
	a := newSession(t).start(t, t.TempDir())
	a.waitMenu("the locked menu", func(s string) bool { return s == lockedMenu })
	a.call("main.VaultAPI.Create", nil, password)
	a.call("main.VaultAPI.Lock", nil)
	a.waitMenu("the locked menu after Lock", func(s string) bool { return s == lockedMenu })
	a.click("Search…")
	if err := a.WaitEvent("app:quicksearch", 15*time.Second); err != nil {
		a.fail("Search… in the locked tray did not open Quick Access: %v", err)
	}
}

// TestAppSingleInstance: a second start on the same data folder leaves
// one tray icon; another data folder is another instance.
func TestAppSingleInstance(t *testing.T) {
	s := newSession(t)
	home := t.TempDir()
	first := s.start(t, home)
	first.waitMenu("the locked menu", func(s string) bool { return s == lockedMenu })

	bin, _ := filepath.Abs(*appBinary)
	assets, _ := filepath.Abs(*assetDir)
	second := exec.Command(bin, "-devserver", "127.0.0.1:0", "-assetdir", assets)
	second.Env = append(os.Environ(), "VAULTBAR_HOME="+home, "DBUS_SESSION_BUS_ADDRESS="+s.bus.Address)
	out, _ := second.CombinedOutput() // it hands over to the first and exits
	time.Sleep(time.Second)
	if n := len(s.w.Items()); n != 1 {
		first.fail("%d tray items after a second start on the same folder, want 1; the second said:\n%s", n, out)
	}
	if first.Wait(0) {
		first.fail("the first instance exited when a second one started")
	}

	other := s.start(t, t.TempDir())
	other.waitMenu("the other instance's menu", func(s string) bool { return s == lockedMenu })
}

// TestAppTray walks the tray of the built app through the states a user
// sees: locked, unlocked with a favourite, locked from the tray, syncing
// from the tray, quitting from the tray with an edit not yet synced.
func TestAppTray(t *testing.T) {
	a := newSession(t).start(t, t.TempDir())
	syncDir := t.TempDir()

	t.Log("a new app: locked, vault items off")
	a.waitMenu("the locked menu", func(s string) bool { return s == lockedMenu })

	t.Log("unlocked, with a favourite")
	a.call("main.VaultAPI.Create", nil, password)
	rec := map[string]any{"type": "login", "name": "Bank", "favorite": true, "groups": []string{},
		"fields": map[string]string{"username": "ann", "password": "s3cret"}}
	a.call("main.VaultAPI.AddRecord", nil, rec)
	a.waitMenu("the unlocked menu", func(s string) bool {
		return strings.HasSuffix(s, `
Sync Now
---
Search…
Favourites
  Bank
    Copy User Name
    Copy Password
---
Lock
Open Vaultbar
Preferences…
---
Quit Vaultbar
`)
	})

	t.Log("Lock in the tray locks the vault")
	a.click("Lock")
	a.waitMenu("the locked menu after Lock", func(s string) bool { return s == lockedMenu })
	var state struct {
		Locked bool `json:"locked"`
	}
	if a.call("main.VaultAPI.State", &state); !state.Locked {
		a.fail("after Lock in the tray the vault says it is unlocked")
	}
	a.call("main.VaultAPI.Unlock", nil, password)
	a.waitMenu("the unlocked menu again", func(s string) bool { return strings.Contains(s, "\nLock\n") })

	t.Log("Sync Now in the tray syncs")
	a.call("main.SyncAPI.Setup", nil, "folder", syncDir, "sync password 1234")
	before := disktest.Snapshot(t, syncDir)
	rec["name"], rec["favorite"] = "Mail", false
	a.call("main.VaultAPI.AddRecord", nil, rec)
	a.waitMenu("Sync Now enabled", func(string) bool { e, ok := Find(a.entries, "Sync Now"); return ok && e.Enabled })
	a.click("Sync Now")
	waitFor(t, "a new file in the sync folder after Sync Now", func() bool { return disktest.Diff(before, disktest.Snapshot(t, syncDir)) != "" }, a.fail)
	a.waitMenu("a synced status", func(s string) bool {
		first := strings.SplitN(s, "\n", 2)[0]
		return strings.HasPrefix(first, "Synced") && strings.HasSuffix(first, "(off)")
	})

	t.Log("Quit in the tray flushes a pending edit to the sync folder, then exits")
	a.call("main.SyncAPI.SetAutoSync", nil, false) // so only the flush at quit can publish it
	before = disktest.Snapshot(t, syncDir)
	rec["name"] = "Shop"
	a.call("main.VaultAPI.AddRecord", nil, rec)
	a.click("Quit Vaultbar")
	if !a.Wait(15 * time.Second) {
		a.fail("the app still runs 15s after Quit in the tray")
	}
	if !a.Cmd.ProcessState.Success() {
		a.fail("the app exited with %v after Quit", a.Cmd.ProcessState)
	}
	if disktest.Diff(before, disktest.Snapshot(t, syncDir)) == "" {
		a.fail("Quit did not publish the last edit to the sync folder")
	}
	if strings.Contains(a.Log.String(), "before its last sync finished") {
		a.fail("the app says it quit before its last sync finished")
	}
}

// Logging out ends apps with SIGTERM, a closed terminal with SIGHUP:
// Vaultbar must quit as from its menu, publishing the edit that auto-sync
// had not yet (here: never would).
func TestAppSignalsFlushThePendingSync(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) { signalFlushes(t, sig) })
	}
}

func signalFlushes(t *testing.T, sig syscall.Signal) {
	a := newSession(t).start(t, t.TempDir())
	syncDir := t.TempDir()
	a.waitMenu("the locked menu", func(s string) bool { return s == lockedMenu })
	a.call("main.VaultAPI.Create", nil, password)
	a.call("main.SyncAPI.Setup", nil, "folder", syncDir, "sync password 1234")
	a.call("main.SyncAPI.SetAutoSync", nil, false)
	before := disktest.Snapshot(t, syncDir)
	a.call("main.VaultAPI.AddRecord", nil, map[string]any{"type": "login", "name": "Last edit", "groups": []string{},
		"fields": map[string]string{"username": "ann"}})
	if err := a.Cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	if !a.Wait(15 * time.Second) {
		a.fail("the app still runs 15s after %v", sig)
	}
	if !a.Cmd.ProcessState.Success() {
		a.fail("the app exited with %v after %v", a.Cmd.ProcessState, sig)
	}
	if disktest.Diff(before, disktest.Snapshot(t, syncDir)) == "" {
		a.fail("%v did not publish the last edit to the sync folder", sig)
	}
}

func waitFor(t *testing.T, what string, ok func() bool, fail func(string, ...any)) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !ok(); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			fail("timed out waiting for %s", what)
		}
	}
}
