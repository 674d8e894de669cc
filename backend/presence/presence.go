package presence

import "context"

// Reason says how the user walked away.
type Reason string

const (
	Sleep      Reason = "sleep"       // the computer is going to sleep
	ScreenLock Reason = "screen-lock" // the screen locked (or the screensaver started)
)

// Watcher reports when the user walks away.
type Watcher interface {
	// Watch calls away for every sleep and screen lock until ctx ends. It
	// returns once watching has started; an error says what can't be
	// watched (no system bus, say) while the rest still is.
	Watch(ctx context.Context, away func(Reason)) error
}

// Locker is what LockWhenAway locks: *service.VaultService.
type Locker interface{ Lock() }

// LockWhenAway locks l whenever w reports the user away and enabled (the
// preference, read at that moment) says so.
func LockWhenAway(ctx context.Context, w Watcher, l Locker, enabled func() bool) error {
	return w.Watch(ctx, func(Reason) {
		if enabled() {
			l.Lock()
		}
	})
}
