package presence

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"vaultbar/backend/service"
	"vaultbar/backend/tray/traytest"
)

// buses are a private "system" bus (logind's signals) and session bus
// (the screensaver's), and a connection to each to send signals from.
type buses struct {
	watcher               *DBus
	system, session       *dbus.Conn
	systemBus, sessionBus *traytest.Bus
}

func privateBuses(t *testing.T) *buses {
	t.Helper()
	b := &buses{}
	var err error
	if b.systemBus, err = traytest.StartBus(); err != nil {
		t.Skipf("no dbus-daemon: %v", err)
	}
	t.Cleanup(b.systemBus.Close)
	if b.sessionBus, err = traytest.StartBus(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.sessionBus.Close)
	if b.system, err = b.systemBus.Connect(); err != nil {
		t.Fatal(err)
	}
	if b.session, err = b.sessionBus.Connect(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.system.Close(); b.session.Close() })
	b.watcher = &DBus{System: b.systemBus.Connect, Session: b.sessionBus.Connect}
	return b
}

func emit(t *testing.T, c *dbus.Conn, path dbus.ObjectPath, name string, v any) {
	t.Helper()
	if err := c.Emit(path, name, v); err != nil {
		t.Fatal(err)
	}
}

// next waits for the next reason; the timeout only keeps a broken build
// from hanging, it is not what the test measures.
func next(t *testing.T, ch <-chan Reason) Reason {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(10 * time.Second):
		t.Fatal("no away signal arrived")
		return ""
	}
}

func TestEverySignalIsSeen(t *testing.T) {
	b := privateBuses(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	reasons := make(chan Reason, 8)
	if err := b.watcher.Watch(ctx, func(r Reason) { reasons <- r }); err != nil {
		t.Fatal(err)
	}
	emit(t, b.system, "/org/freedesktop/login1", "org.freedesktop.login1.Manager.PrepareForSleep", true)
	if r := next(t, reasons); r != Sleep {
		t.Fatalf("PrepareForSleep(true) gave %q", r)
	}
	emit(t, b.session, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", true)
	if r := next(t, reasons); r != ScreenLock {
		t.Fatalf("freedesktop ActiveChanged(true) gave %q", r)
	}
	emit(t, b.session, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver.ActiveChanged", true)
	if r := next(t, reasons); r != ScreenLock {
		t.Fatalf("gnome ActiveChanged(true) gave %q", r)
	}
}

func TestWakeAndUnlockSignalsIgnored(t *testing.T) {
	for _, s := range []*dbus.Signal{
		{Name: "org.freedesktop.login1.Manager.PrepareForSleep", Body: []any{false}},
		{Name: "org.gnome.ScreenSaver.ActiveChanged", Body: []any{false}},
		{Name: "org.gnome.ScreenSaver.ActiveChanged", Body: []any{"true"}},
		{Name: "org.gnome.ScreenSaver.ActiveChanged", Body: []any{true, true}},
		{Name: "org.gnome.ScreenSaver.WakeUpScreen", Body: []any{true}},
	} {
		if r, ok := reasonOf(s); ok {
			t.Errorf("%s%v taken for %q", s.Name, s.Body, r)
		}
	}
}

// fakeLocker counts locks and says each on a channel.
type fakeLocker struct {
	n      atomic.Int32
	locked chan struct{}
}

func (f *fakeLocker) Lock() { f.n.Add(1); f.locked <- struct{}{} }

func TestPreferenceOffDoesNotLock(t *testing.T) {
	b := privateBuses(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	l := &fakeLocker{locked: make(chan struct{}, 4)}
	var asked atomic.Int32
	enabled := func() bool { return asked.Add(1) > 1 } // off for the first signal, on for the second
	if err := LockWhenAway(ctx, b.watcher, l, enabled); err != nil {
		t.Fatal(err)
	}
	emit(t, b.system, "/org/freedesktop/login1", "org.freedesktop.login1.Manager.PrepareForSleep", true)
	emit(t, b.system, "/org/freedesktop/login1", "org.freedesktop.login1.Manager.PrepareForSleep", true)
	select {
	case <-l.locked:
	case <-time.After(10 * time.Second):
		t.Fatal("never locked")
	}
	// Signals of one connection arrive in order: had the first locked, it
	// would have been counted before the second.
	if n := l.n.Load(); n != 1 || asked.Load() != 2 {
		t.Fatalf("locked %d times over %d signals, want once (the preference was off for the first)", n, asked.Load())
	}
}

func TestScreenLockLocksTheVault(t *testing.T) {
	b := privateBuses(t)
	svc := service.New(t.TempDir())
	if err := svc.Create([]byte("correct horse battery staple")); err != nil {
		t.Fatal(err)
	}
	defer svc.Lock()
	locked := make(chan struct{}, 1)
	defer svc.Subscribe(func(c service.Change) {
		if c.Origin == service.FromLockState && c.Locked {
			locked <- struct{}{}
		}
	})()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := LockWhenAway(ctx, b.watcher, svc, func() bool { return true }); err != nil {
		t.Fatal(err)
	}
	emit(t, b.session, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver.ActiveChanged", true)
	select {
	case <-locked:
	case <-time.After(10 * time.Second):
		t.Fatal("the screen locked and the vault did not")
	}
	if !svc.Locked() {
		t.Fatal("the vault is not locked")
	}
}

func TestMissingBusStillWatchesTheOther(t *testing.T) {
	b := privateBuses(t)
	b.watcher.System = func() (*dbus.Conn, error) { return nil, dbus.ErrClosed }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	reasons := make(chan Reason, 8)
	if err := b.watcher.Watch(ctx, func(r Reason) { reasons <- r }); err == nil {
		t.Fatal("a missing system bus was not reported")
	}
	emit(t, b.session, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", true)
	if r := next(t, reasons); r != ScreenLock {
		t.Fatalf("got %q", r)
	}
}
