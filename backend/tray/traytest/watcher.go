package traytest

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
)

const (
	watcherName = "org.kde.StatusNotifierWatcher"
	watcherPath = "/StatusNotifierWatcher"
)

// Item is a status item as registered with a Watcher: the bus connection
// that owns it and its object path.
type Item struct {
	Sender string
	Path   dbus.ObjectPath
}

// Watcher is the StatusNotifierWatcher a panel would run: items register
// with it. It keeps the items it was told about.
type Watcher struct {
	conn *dbus.Conn

	mu    sync.Mutex
	items []Item
	added chan struct{}
}

// StartWatcher takes the watcher's name on conn's bus.
func StartWatcher(conn *dbus.Conn) (*Watcher, error) {
	w := &Watcher{conn: conn, added: make(chan struct{}, 1)}
	if err := conn.Export(watcherMethods{w}, watcherPath, watcherName); err != nil {
		return nil, err
	}
	reply, err := conn.RequestName(watcherName, dbus.NameFlagDoNotQueue)
	if err != nil {
		return nil, err
	}
	if reply != dbus.RequestNameReplyPrimaryOwner {
		return nil, fmt.Errorf("%s is already taken on this bus (run under dbus-run-session)", watcherName)
	}
	return w, nil
}

// watcherMethods holds only the exported D-Bus methods.
type watcherMethods struct{ w *Watcher }

// RegisterStatusNotifierItem is the spec's method: service is a bus name,
// or an object path on the caller's connection (what fyne.io/systray sends).
func (m watcherMethods) RegisterStatusNotifierItem(sender dbus.Sender, service string) *dbus.Error {
	it := Item{Sender: string(sender), Path: "/StatusNotifierItem"}
	if strings.HasPrefix(service, "/") {
		it.Path = dbus.ObjectPath(service)
	} else {
		it.Sender = service
	}
	m.w.mu.Lock()
	m.w.items = append(m.w.items, it)
	m.w.mu.Unlock()
	select {
	case m.w.added <- struct{}{}:
	default:
	}
	m.w.conn.Emit(watcherPath, watcherName+".StatusNotifierItemRegistered", it.Sender+string(it.Path))
	return nil
}

func (m watcherMethods) RegisterStatusNotifierHost(service string) *dbus.Error { return nil }

// Items returns the items registered so far.
func (w *Watcher) Items() []Item {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]Item(nil), w.items...)
}

// WaitFor waits until an item owned by a connection of process pid has
// registered, and returns it.
func (w *Watcher) WaitFor(pid int, timeout time.Duration) (Item, error) {
	deadline := time.After(timeout)
	for {
		for _, it := range w.Items() {
			var p uint32
			err := w.conn.BusObject().Call("org.freedesktop.DBus.GetConnectionUnixProcessID", 0, it.Sender).Store(&p)
			if err == nil && int(p) == pid {
				return it, nil
			}
		}
		select {
		case <-w.added:
		case <-time.After(200 * time.Millisecond):
		case <-deadline:
			return Item{}, fmt.Errorf("no status item of process %d registered within %v (registered: %v)", pid, timeout, w.Items())
		}
	}
}

// Menu returns the dropdown of item, read through its dbusmenu object.
func (w *Watcher) Menu(it Item) (*Menu, error) {
	var path dbus.ObjectPath
	err := w.conn.Object(it.Sender, it.Path).Call("org.freedesktop.DBus.Properties.Get", 0,
		"org.kde.StatusNotifierItem", "Menu").Store(&path)
	if err != nil {
		return nil, fmt.Errorf("read the item's Menu property: %w", err)
	}
	return &Menu{obj: w.conn.Object(it.Sender, path)}, nil
}
