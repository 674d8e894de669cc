//go:build e2e

package traytest

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

const lockedMenu = `Locked (off)
Sync Now (off)
---
Search… (off)
Favourites (off)
---
Unlock…
Open Vaultbar
Preferences…
---
Quit Vaultbar
`

func TestAppTray(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Fatal("no X display\nhint: run under xvfb-run -a (make test-e2e does)")
	}
	// Our own bus, so the watcher name is free and nothing else answers.
	bus, err := StartBus()
	if err != nil {
		t.Fatalf("%v\nhint: apt-get install dbus", err)
	}
	defer bus.Close()
	conn, err := bus.Connect()
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	w, err := StartWatcher(conn)
	if err != nil {
		t.Fatal(err)
	}

	home, syncDir := t.TempDir(), t.TempDir()
	bin, _ := filepath.Abs(*appBinary)
	assets, _ := filepath.Abs(*assetDir)
	app, err := StartApp(bin, assets, home, []string{"DBUS_SESSION_BUS_ADDRESS=" + bus.Address})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Kill()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf(format+"\napp log:\n%s", append(args, app.Log)...)
	}

	item, err := w.WaitFor(app.Cmd.Process.Pid, 30*time.Second)
	if err != nil {
		fail("the app's tray item did not register: %v", err)
	}
	menu, err := w.Menu(item)
	if err != nil {
		fail("%v", err)
	}
	var entries []Entry
	waitMenu := func(what string, ok func(outline string) bool) {
		t.Helper()
		var last string
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			es, err := menu.Read()
			if err != nil {
				last = err.Error()
				continue
			}
			entries, last = es, Outline(es)
			if ok(last) {
				return
			}
		}
		fail("the tray menu never showed %s; it shows:\n%s", what, last)
	}
	click := func(label string) {
		t.Helper()
		e, ok := Find(entries, label)
		if !ok || !e.Enabled {
			fail("no enabled %q in the tray menu:\n%s", label, Outline(entries))
		}
		if err := menu.Click(e.ID); err != nil {
			fail("click %q: %v", label, err)
		}
	}

	t.Log("a new app: locked, vault items off")
	waitMenu("the locked menu", func(s string) bool { return s == lockedMenu })

	t.Log("unlocked, with a favourite")
	if err := app.Call("main.VaultAPI.Create", nil, password); err != nil {
		fail("%v", err)
	}
	rec := map[string]any{"type": "login", "name": "Bank", "favorite": true, "groups": []string{},
		"fields": map[string]string{"username": "ann", "password": "s3cret"}}
	if err := app.Call("main.VaultAPI.AddRecord", nil, rec); err != nil {
		fail("%v", err)
	}
	waitMenu("the unlocked menu", func(s string) bool {
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
	click("Lock")
	waitMenu("the locked menu after Lock", func(s string) bool { return s == lockedMenu })
	var state struct {
		Locked bool `json:"locked"`
	}
	if err := app.Call("main.VaultAPI.State", &state); err != nil || !state.Locked {
		fail("after Lock in the tray the vault says locked=%v (%v)", state.Locked, err)
	}
	if err := app.Call("main.VaultAPI.Unlock", nil, password); err != nil {
		fail("%v", err)
	}
	waitMenu("the unlocked menu again", func(s string) bool { return strings.Contains(s, "\nLock\n") })

	t.Log("Sync Now in the tray syncs")
	if err := app.Call("main.SyncAPI.Setup", nil, "folder", syncDir, "sync password 1234"); err != nil {
		fail("%v", err)
	}
	before := files(t, syncDir)
	rec["name"], rec["favorite"] = "Mail", false
	if err := app.Call("main.VaultAPI.AddRecord", nil, rec); err != nil {
		fail("%v", err)
	}
	waitMenu("Sync Now enabled", func(string) bool { e, ok := Find(entries, "Sync Now"); return ok && e.Enabled })
	click("Sync Now")
	waitFor(t, "a new file in the sync folder after Sync Now", func() bool { return changed(before, files(t, syncDir)) }, fail)
	waitMenu("a synced status", func(s string) bool {
		first := strings.SplitN(s, "\n", 2)[0]
		return strings.HasPrefix(first, "Synced") && strings.HasSuffix(first, "(off)")
	})

	t.Log("Quit in the tray flushes a pending edit to the sync folder, then exits")
	before = files(t, syncDir)
	rec["name"] = "Shop"
	if err := app.Call("main.VaultAPI.AddRecord", nil, rec); err != nil {
		fail("%v", err)
	}
	click("Quit Vaultbar")
	if !app.Wait(15 * time.Second) {
		fail("the app still runs 15s after Quit in the tray")
	}
	if !app.Cmd.ProcessState.Success() {
		fail("the app exited with %v after Quit", app.Cmd.ProcessState)
	}
	if !changed(before, files(t, syncDir)) {
		fail("Quit did not publish the last edit to the sync folder")
	}
	if strings.Contains(app.Log.String(), "before its last sync finished") {
		fail("the app says it quit before its last sync finished")
	}
}

// files maps every file under dir to its size and modification time.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				out[p] = fmt.Sprint(fi.ModTime(), fi.Size())
			}
		}
		return nil
	})
	return out
}

// changed reports whether a file was added or rewritten.
func changed(before, after map[string]string) bool {
	for p, v := range after {
		if before[p] != v {
			return true
		}
	}
	return false
}

func waitFor(t *testing.T, what string, ok func() bool, fail func(string, ...any)) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !ok(); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			fail("timed out waiting for %s", what)
		}
	}
}
