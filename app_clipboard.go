package main

import (
	"context"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// ClipboardAPI copies field values and clears the clipboard after the
// delay set in the preferences, but only if it still holds what Vaultbar
// put there: something the person copied since is left alone.
type ClipboardAPI struct {
	board   clipboard
	delay   func() time.Duration // the preference, read at each copy
	after   func(time.Duration, func()) *time.Timer
	records recordSource // CopyField's records (app_copy.go)

	mu    sync.Mutex
	ours  string // what Vaultbar last put on the clipboard; "" when nothing
	timer *time.Timer
}

// clipboard is the system clipboard; tests use a fake.
type clipboard interface {
	Get() (string, error)
	Set(text string) error
}

// wailsClipboard is the system clipboard through the Wails runtime.
type wailsClipboard struct{ ctx context.Context }

func (w *wailsClipboard) Get() (string, error) {
	if w.ctx == nil {
		return "", nil
	}
	return runtime.ClipboardGetText(w.ctx)
}

func (w *wailsClipboard) Set(text string) error {
	if w.ctx == nil {
		return nil
	}
	return runtime.ClipboardSetText(w.ctx, text)
}

// NewClipboardAPI clears after delay(); zero means never.
func NewClipboardAPI(delay func() time.Duration) *ClipboardAPI {
	return &ClipboardAPI{board: &wailsClipboard{}, delay: delay, after: time.AfterFunc}
}

func (c *ClipboardAPI) start(ctx context.Context) {
	if w, ok := c.board.(*wailsClipboard); ok {
		w.ctx = ctx
	}
}

// stop clears the clipboard now if it still holds a value Vaultbar copied,
// so quitting does not leave a password behind.
func (c *ClipboardAPI) stop() { c.clearIfOurs() }

// Copy puts text on the clipboard and returns how many seconds it stays
// there (0: until something else is copied).
func (c *ClipboardAPI) Copy(text string) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.board.Set(text); err != nil {
		return 0, explained(err)
	}
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
	c.ours = text
	d := c.delay()
	if d > 0 {
		c.timer = c.after(d, c.clearIfOurs)
	}
	return int(d / time.Second), nil
}

// clearIfOurs empties the clipboard if it still holds what we put there.
func (c *ClipboardAPI) clearIfOurs() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ours == "" {
		return
	}
	if now, err := c.board.Get(); err == nil && now == c.ours {
		_ = c.board.Set("")
	}
	c.ours = ""
}

// locked clears a copied secret when the vault locks.
func (c *ClipboardAPI) locked() { c.clearIfOurs() }
