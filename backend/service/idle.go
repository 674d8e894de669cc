package service

import (
	"sync"
	"time"
)

// IdleLock locks the vault after the user has left it alone for the time
// set in preferences (Settings.IdleLock; zero means never).
//
// It lives here rather than in the window because Vaultbar runs in the menu
// bar with its window hidden most of the day, where a page's timers may be
// throttled or stopped: the lock must not depend on them. The window and the
// menu bar report the user's activity with Touch; the user's own edits and
// unlocking count as activity too. Syncs don't: a vault kept busy by other
// devices still locks.
type IdleLock struct {
	v   *VaultService
	now func() time.Time

	mu    sync.Mutex
	last  time.Time
	unsub func()
	done  chan struct{}
}

// NewIdleLock watches v. now may be nil for time.Now.
func NewIdleLock(v *VaultService, now func() time.Time) *IdleLock {
	if now == nil {
		now = time.Now
	}
	l := &IdleLock{v: v, now: now, last: now()}
	l.unsub = v.Subscribe(func(c Change) {
		if c.Origin == FromLocalEdit || (c.Origin == FromLockState && !c.Locked) {
			l.Touch()
		}
	})
	return l
}

// Touch records that the user just did something.
func (l *IdleLock) Touch() {
	l.mu.Lock()
	l.last = l.now()
	l.mu.Unlock()
}

// Check locks the vault if it is unlocked and has been idle for at least
// the idle-lock time, and reports whether it locked it.
func (l *IdleLock) Check() bool {
	if l.v.Locked() {
		return false
	}
	st, err := l.v.Settings()
	if err != nil || st.IdleLock <= 0 {
		return false
	}
	l.mu.Lock()
	idle := l.now().Sub(l.last)
	l.mu.Unlock()
	if idle < st.IdleLock {
		return false
	}
	l.v.Lock()
	return true
}

// Start checks every interval until Stop.
func (l *IdleLock) Start(interval time.Duration) {
	l.done = make(chan struct{})
	go func(done chan struct{}) {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				l.Check()
			case <-done:
				return
			}
		}
	}(l.done)
}

// Stop ends the checks started by Start and the subscription.
func (l *IdleLock) Stop() {
	if l.done != nil {
		close(l.done)
		l.done = nil
	}
	l.unsub()
}
