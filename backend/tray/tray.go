package tray

import (
	"sync"
	"time"
)

// Driver shows items as the status item's dropdown and reports clicks by
// item id to the function it was made with.
type Driver interface {
	// Show makes the dropdown items. It may be called with the same
	// shape as before (see SameShape) or a new one.
	Show(items []Item)
}

// Tray keeps a Driver's dropdown in step with the app's state and runs the
// clicked items' commands.
type Tray struct {
	actions Actions
	state   func() State
	driver  Driver

	kick chan struct{}

	life    sync.Mutex // Start and Stop
	stop    chan struct{}
	done    chan struct{}
	stopped bool

	mu   sync.Mutex
	menu []Item // what the driver shows
}

// RefreshEvery re-reads the state this often even without a Refresh, so a
// status like "Synced 2 minutes ago" stays true.
const RefreshEvery = 30 * time.Second

// New returns a Tray that reads its state with state and runs commands on
// actions. Call SetDriver, then Start.
func New(actions Actions, state func() State) *Tray {
	return &Tray{actions: actions, state: state, kick: make(chan struct{}, 1)}
}

// SetDriver sets what shows the dropdown. Drivers need the Tray's Click
// before they exist, so it is set after New.
func (t *Tray) SetDriver(d Driver) { t.driver = d }

// Start shows the dropdown and keeps it current until Stop. A Tray starts
// once: Start after Stop does nothing, since the status item may be ended
// before it was ever ready.
func (t *Tray) Start() {
	t.life.Lock()
	defer t.life.Unlock()
	if t.stopped || t.stop != nil {
		return
	}
	t.stop, t.done = make(chan struct{}), make(chan struct{})
	t.update()
	go t.loop()
}

// Stop ends the updates started by Start.
func (t *Tray) Stop() {
	t.life.Lock()
	defer t.life.Unlock()
	t.stopped = true
	if t.stop != nil {
		close(t.stop)
		<-t.done
		t.stop = nil
	}
}

// Refresh asks for the dropdown to be rebuilt from the current state. It
// never blocks, so it may be called from a vault or sync subscriber.
func (t *Tray) Refresh() {
	select {
	case t.kick <- struct{}{}:
	default:
	}
}

// Click runs the command of the item with id, if that item is there and
// enabled now: a click may arrive for a menu the user saw before the vault
// locked.
func (t *Tray) Click(id string) {
	t.mu.Lock()
	it, ok := Find(t.menu, id)
	t.mu.Unlock()
	if !ok || !it.Enabled {
		return
	}
	Dispatch(t.actions, it.Command)
	t.Refresh()
}

// Menu returns the items shown now.
func (t *Tray) Menu() []Item {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.menu
}

func (t *Tray) loop() {
	defer close(t.done)
	tick := time.NewTicker(RefreshEvery)
	defer tick.Stop()
	for {
		select {
		case <-t.stop:
			return
		case <-t.kick:
		case <-tick.C:
		}
		t.update()
	}
}

func (t *Tray) update() {
	m := Menu(t.state())
	t.mu.Lock()
	same := equal(t.menu, m)
	t.menu = m
	t.mu.Unlock()
	if !same && t.driver != nil {
		t.driver.Show(m)
	}
}

func equal(a, b []Item) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Label != b[i].Label || a[i].Enabled != b[i].Enabled ||
			a[i].Separator != b[i].Separator || a[i].Command != b[i].Command || !equal(a[i].Children, b[i].Children) {
			return false
		}
	}
	return true
}
