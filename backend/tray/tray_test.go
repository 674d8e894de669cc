package tray

import (
	"slices"
	"sync"
	"testing"
	"time"
)

type recorder struct {
	mu    sync.Mutex
	calls []string
}

func (r *recorder) add(s string) { r.mu.Lock(); r.calls = append(r.calls, s); r.mu.Unlock() }
func (r *recorder) got() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.calls)
}

func (r *recorder) SyncNow()                    { r.add("sync") }
func (r *recorder) Lock()                       { r.add("lock") }
func (r *recorder) ShowUnlock()                 { r.add("unlock") }
func (r *recorder) Open()                       { r.add("open") }
func (r *recorder) Preferences()                { r.add("preferences") }
func (r *recorder) QuickSearch()                { r.add("search") }
func (r *recorder) CopyField(rec, field string) { r.add("copy " + rec + " " + field) }
func (r *recorder) Quit()                       { r.add("quit") }

var _ Actions = (*recorder)(nil)

type fakeDriver struct {
	mu    sync.Mutex
	shown [][]Item
}

func (d *fakeDriver) Show(items []Item) { d.mu.Lock(); d.shown = append(d.shown, items); d.mu.Unlock() }
func (d *fakeDriver) last() ([]Item, int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.shown) == 0 {
		return nil, 0
	}
	return d.shown[len(d.shown)-1], len(d.shown)
}

type fakeApp struct {
	mu    sync.Mutex
	state State
}

func (a *fakeApp) get() State         { a.mu.Lock(); defer a.mu.Unlock(); return a.state }
func (a *fakeApp) set(f func(*State)) { a.mu.Lock(); f(&a.state); a.mu.Unlock() }

func start(t *testing.T, s State) (*Tray, *recorder, *fakeDriver, *fakeApp) {
	t.Helper()
	rec, d, app := &recorder{}, &fakeDriver{}, &fakeApp{state: s}
	tr := New(rec, app.get)
	tr.SetDriver(d)
	tr.Start()
	t.Cleanup(tr.Stop)
	return tr, rec, d, app
}

func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Second); !ok(); {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestTrayShowsMenuAtStart(t *testing.T) {
	_, _, d, _ := start(t, State{Locked: true})
	m, n := d.last()
	if n != 1 || outline(m) != outline(Menu(State{Locked: true})) {
		t.Errorf("shown %d times:\n%s", n, outline(m))
	}
}

func TestTrayRefreshFollowsState(t *testing.T) {
	tr, _, d, app := start(t, State{Locked: true})
	app.set(func(s *State) { s.Locked, s.Status = false, "Synced just now" })
	tr.Refresh()
	eventually(t, "the unlocked menu", func() bool {
		m, _ := d.last()
		it, _ := Find(m, IDSyncNow)
		return it.Enabled && m[0].Label == "Synced just now"
	})
	_, n := d.last()
	tr.Refresh() // nothing changed: the driver is not asked again
	time.Sleep(50 * time.Millisecond)
	if _, m := d.last(); m != n {
		t.Errorf("an unchanged menu was shown again (%d, then %d shows)", n, m)
	}
}

func TestTrayClickRunsCommand(t *testing.T) {
	tr, rec, _, _ := start(t, State{Status: "Synced just now",
		Favourites: []Favourite{{RecordID: "r1", Name: "Bank", UserField: "username", PasswordField: "password"}}})
	for _, id := range []string{IDSyncNow, IDSearch, "fav:r1:user", "fav:r1:password", IDLock, IDOpen, IDPreferences, IDQuit} {
		tr.Click(id)
	}
	want := []string{"sync", "search", "copy r1 username", "copy r1 password", "lock", "open", "preferences", "quit"}
	if got := rec.got(); !slices.Equal(got, want) {
		t.Errorf("ran %q, want %q", got, want)
	}
}

func TestTrayIgnoresDisabledAndStaleClicks(t *testing.T) {
	tr, rec, d, app := start(t, State{Favourites: []Favourite{{RecordID: "r1", Name: "Bank", PasswordField: "password"}}})
	app.set(func(s *State) { s.Locked, s.Favourites = true, nil })
	tr.Refresh()
	eventually(t, "the locked menu", func() bool { m, _ := d.last(); return m[6].Label == "Unlock…" })
	// The user still sees the old menu, or a client sends a click for a
	// disabled item: neither reaches the vault.
	for _, id := range []string{"fav:r1:password", IDSyncNow, IDStatus, "nonsense", ""} {
		tr.Click(id)
	}
	tr.Click(IDLock)
	// Search… opens Quick Access, which asks for the password itself.
	tr.Click(IDSearch)
	if got := rec.got(); !slices.Equal(got, []string{"unlock", "search"}) {
		t.Errorf("ran %q, want only unlock and search", got)
	}
}

func TestTrayStopBeforeStart(t *testing.T) {
	d := &fakeDriver{}
	tr := New(&recorder{}, func() State { return State{} })
	tr.SetDriver(d)
	tr.Stop()
	tr.Start()
	tr.Stop()
	if _, n := d.last(); n != 0 {
		t.Errorf("a tray stopped before it started showed %d menus", n)
	}
}
