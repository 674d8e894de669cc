package service

import "sync"

// lockHooks are functions Lock runs before it locks, while the vault is
// still readable: the sync service publishes the last edits then.
type lockHooks struct {
	mu   sync.Mutex
	next int
	fns  map[int]func()
}

// BeforeLock calls fn at the start of every Lock, before the vault locks,
// until the returned function is called. fn may call the service (it runs
// outside its lock) but not Lock.
func (s *VaultService) BeforeLock(fn func()) (remove func()) {
	h := &s.beforeLock
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.fns == nil {
		h.fns = map[int]func(){}
	}
	id := h.next
	h.next++
	h.fns[id] = fn
	return func() {
		h.mu.Lock()
		delete(h.fns, id)
		h.mu.Unlock()
	}
}

func (h *lockHooks) run() {
	h.mu.Lock()
	fns := make([]func(), 0, len(h.fns))
	for _, fn := range h.fns {
		fns = append(fns, fn)
	}
	h.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}
