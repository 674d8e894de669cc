package service

import "sync"

// Origin says where a change came from.
type Origin string

const (
	// FromLocalEdit is an edit made on this device; the sync scheduler
	// listens for these to start an automatic sync.
	FromLocalEdit Origin = "local"
	// FromSync is another device's edit merged in by the sync engine.
	FromSync Origin = "sync"
	// FromLockState is the vault locking or unlocking.
	FromLockState Origin = "lock"
	// FromRestore is the vault replaced by a backup.
	FromRestore Origin = "restore"
)

// Change tells subscribers what changed, so a view reloads only what it
// shows. The id lists are of entities whose content changed (deleted ones
// included).
type Change struct {
	Origin  Origin   `json:"origin"`
	Records []string `json:"records,omitempty"`
	Groups  []string `json:"groups,omitempty"`
	Types   []string `json:"types,omitempty"`
	Locked  bool     `json:"locked"` // the lock state after the change
}

// Empty reports whether the change names no entity.
func (c Change) Empty() bool { return len(c.Records)+len(c.Groups)+len(c.Types) == 0 }

// hub fans changes out to subscribers. Subscribers are called one after
// another on the goroutine that made the change, outside the vault's lock,
// so a subscriber may call back into the service.
type hub struct {
	mu   sync.Mutex
	next int
	subs map[int]func(Change)
}

// Subscribe calls fn after every change until the returned function is
// called. fn must not block for long: it delays the caller that made the
// change.
func (s *VaultService) Subscribe(fn func(Change)) (unsubscribe func()) {
	h := &s.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs == nil {
		h.subs = map[int]func(Change){}
	}
	id := h.next
	h.next++
	h.subs[id] = fn
	return func() {
		h.mu.Lock()
		delete(h.subs, id)
		h.mu.Unlock()
	}
}

func (h *hub) publish(c Change) {
	h.mu.Lock()
	fns := make([]func(Change), 0, len(h.subs))
	for _, fn := range h.subs {
		fns = append(fns, fn)
	}
	h.mu.Unlock()
	for _, fn := range fns {
		fn(c)
	}
}
