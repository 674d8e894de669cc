package presence

import (
	"context"
	"errors"
	"fmt"

	"github.com/godbus/dbus/v5"
)

// The signals that mean the user walked away; each carries one bool, true
// when going away (false on wake and unlock, ignored).
var awaySignals = map[string]Reason{
	"org.freedesktop.login1.Manager.PrepareForSleep": Sleep,
	"org.freedesktop.ScreenSaver.ActiveChanged":      ScreenLock,
	"org.gnome.ScreenSaver.ActiveChanged":            ScreenLock,
}

// DBus watches logind on the system bus and the screensaver on the
// session bus. The connect functions are fields so tests use private buses.
type DBus struct {
	System  func() (*dbus.Conn, error)
	Session func() (*dbus.Conn, error)
}

// Default watches the machine's own buses.
func Default() Watcher {
	return &DBus{
		System:  func() (*dbus.Conn, error) { return dbus.ConnectSystemBus() },
		Session: func() (*dbus.Conn, error) { return dbus.ConnectSessionBus() },
	}
}

// Watch subscribes on both buses; either may be missing (a container has
// no logind, a bare X session no screensaver) and the other still works.
func (d *DBus) Watch(ctx context.Context, away func(Reason)) error {
	errSys := watchBus(ctx, d.System, "org.freedesktop.login1.Manager", away)
	errSes := watchBus(ctx, d.Session, "", away)
	return errors.Join(wrap("system bus (logind)", errSys), wrap("session bus (screensaver)", errSes))
}

func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("watch the %s: %w", what, err)
}

// watchBus subscribes to the away signals of iface ("" all of them) on
// one bus, until ctx ends.
func watchBus(ctx context.Context, connect func() (*dbus.Conn, error), iface string, away func(Reason)) error {
	conn, err := connect()
	if err != nil {
		return err
	}
	for name := range awaySignals {
		i, member := splitName(name)
		if iface != "" && i != iface {
			continue
		}
		if err := conn.AddMatchSignal(dbus.WithMatchInterface(i), dbus.WithMatchMember(member)); err != nil {
			conn.Close()
			return err
		}
	}
	ch := make(chan *dbus.Signal, 16)
	conn.Signal(ch)
	go forward(ctx, conn, ch, away)
	return nil
}

func forward(ctx context.Context, conn *dbus.Conn, ch chan *dbus.Signal, away func(Reason)) {
	defer conn.Close()
	for {
		select {
		case <-ctx.Done():
			return
		case s, ok := <-ch:
			if !ok {
				return
			}
			if r, ok := reasonOf(s); ok {
				away(r)
			}
		}
	}
}

// reasonOf reads one signal: an away signal whose argument is true.
func reasonOf(s *dbus.Signal) (Reason, bool) {
	r, ok := awaySignals[s.Name]
	if !ok || len(s.Body) != 1 {
		return "", false
	}
	going, _ := s.Body[0].(bool)
	return r, going
}

func splitName(name string) (iface, member string) {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '.' {
			return name[:i], name[i+1:]
		}
	}
	return "", name
}
