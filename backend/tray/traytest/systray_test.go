package traytest

import (
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"vaultbar/backend/tray"
)

// lockedMenu is the dropdown of a locked vault as a panel reads it over
// D-Bus: vault items off, nothing of the vault's content listed.
const lockedMenu = `Locked (off)
Sync Now (off)
---
Search…
Favourites (off)
---
Unlock…
Open Vaultbar
Preferences…
---
Quit Vaultbar
`

type actions struct {
	mu  sync.Mutex
	ran []string
}

func (a *actions) add(s string) { a.mu.Lock(); a.ran = append(a.ran, s); a.mu.Unlock() }
func (a *actions) got() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.ran)
}
func (a *actions) SyncNow()                    { a.add("sync") }
func (a *actions) Lock()                       { a.add("lock") }
func (a *actions) ShowUnlock()                 { a.add("unlock") }
func (a *actions) Open()                       { a.add("open") }
func (a *actions) Preferences()                { a.add("preferences") }
func (a *actions) QuickSearch()                { a.add("search") }
func (a *actions) CopyField(rec, field string) { a.add("copy " + rec + " " + field) }
func (a *actions) Quit()                       { a.add("quit") }

func eventually(t *testing.T, what string, ok func() (bool, string)) {
	t.Helper()
	var last string
	for deadline := time.Now().Add(10 * time.Second); ; {
		var done bool
		if done, last = ok(); done {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s; last seen:\n%s", what, last)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestSystrayOverDBus runs the real systray driver in this process against
// a private session bus and reads it back as a panel would. systray keeps
// global state, so this is the only test here that starts it.
func TestSystrayOverDBus(t *testing.T) {
	bus, err := StartBus()
	if err != nil {
		t.Fatalf("%v\nhint: apt-get install dbus", err)
	}
	defer bus.Close()
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", bus.Address)
	conn, err := bus.Connect()
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	w, err := StartWatcher(conn)
	if err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	state := tray.State{Locked: true, Status: "Locked"}
	get := func() tray.State { mu.Lock(); defer mu.Unlock(); return state }
	acts := &actions{}
	tr := tray.New(acts, get)
	start, end := tray.Systray(tr)
	start()
	ended := false
	defer func() {
		if !ended {
			end()
		}
	}()

	item, err := w.WaitFor(os.Getpid(), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	menu, err := w.Menu(item)
	if err != nil {
		t.Fatal(err)
	}
	read := func() (bool, string, []Entry) {
		es, err := menu.Read()
		if err != nil {
			return false, err.Error(), nil
		}
		return true, Outline(es), es
	}
	eventually(t, "the locked menu", func() (bool, string) {
		_, s, _ := read()
		return s == lockedMenu, s
	})

	mu.Lock()
	state = tray.State{Status: "Synced just now", Favourites: []tray.Favourite{
		{RecordID: "r1", Name: "my_bank", UserField: "username", PasswordField: "password"},
	}}
	mu.Unlock()
	tr.Refresh()
	wantUnlocked := `Synced just now (off)
Sync Now
---
Search…
Favourites
  my_bank
    Copy User Name
    Copy Password
---
Lock
Open Vaultbar
Preferences…
---
Quit Vaultbar
`
	var entries []Entry
	eventually(t, "the unlocked menu", func() (bool, string) {
		_, s, es := read()
		entries = es
		return s == wantUnlocked, s
	})

	// A status change only relabels: the panel sees it when it opens the menu.
	mu.Lock()
	state.Status, state.Syncing = "Syncing…", true
	mu.Unlock()
	if err := menu.Opened(); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the syncing status", func() (bool, string) {
		_, s, es := read()
		e, _ := Find(es, "Sync Now")
		return es != nil && es[0].Label == "Syncing…" && !e.Enabled, s
	})
	mu.Lock()
	state.Status, state.Syncing = "Synced just now", false
	mu.Unlock()
	tr.Refresh()
	eventually(t, "the synced status", func() (bool, string) {
		_, s, _ := read()
		return s == wantUnlocked, s
	})

	for _, label := range []string{"Sync Now", "Search…", "Copy User Name", "Copy Password", "Lock", "Open Vaultbar", "Preferences…", "Quit Vaultbar"} {
		e, ok := Find(entries, label)
		if !ok {
			t.Fatalf("no %q in the menu", label)
		}
		if err := menu.Click(e.ID); err != nil {
			t.Fatalf("click %q: %v", label, err)
		}
	}
	// Each item's clicks arrive on its own goroutine, so eight clicks in a
	// row may run in any order; each must run its command exactly once.
	want := []string{"sync", "search", "copy r1 username", "copy r1 password", "lock", "open", "preferences", "quit"}
	slices.Sort(want)
	eventually(t, "the clicked commands", func() (bool, string) {
		got := slices.Sorted(slices.Values(acts.got()))
		return slices.Equal(got, want), lines(got)
	})

	end()
	ended = true
}

func lines(s []string) string {
	out := ""
	for _, x := range s {
		out += x + "\n"
	}
	return out
}
