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
	ctx   context.Context
	delay func() time.Duration // the preference, read at each copy

	mu    sync.Mutex
	ours  string // what Vaultbar last put on the clipboard; "" when nothing
	timer *time.Timer
}

// NewClipboardAPI clears after delay(); zero means never.
func NewClipboardAPI(delay func() time.Duration) *ClipboardAPI {
	return &ClipboardAPI{delay: delay}
}

func (c *ClipboardAPI) start(ctx context.Context) { c.ctx = ctx }

// stop clears the clipboard now if it still holds a value Vaultbar copied,
// so quitting does not leave a password behind.
func (c *ClipboardAPI) stop() { c.clearIfOurs() }

// Copy puts text on the clipboard and returns how many seconds it stays
// there (0: until something else is copied).
func (c *ClipboardAPI) Copy(text string) (int, error) {
	if err := runtime.ClipboardSetText(c.ctx, text); err != nil {
		return 0, explained(err)
	}
	d := c.delay()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
	c.ours = text
	if d > 0 {
		c.timer = time.AfterFunc(d, c.clearIfOurs)
	}
	return int(d / time.Second), nil
}

// clearIfOurs empties the clipboard if it still holds what we put there.
func (c *ClipboardAPI) clearIfOurs() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ours == "" || c.ctx == nil {
		return
	}
	if now, err := runtime.ClipboardGetText(c.ctx); err == nil && now == c.ours {
		_ = runtime.ClipboardSetText(c.ctx, "")
	}
	c.ours = ""
}

// locked forgets and clears a copied secret when the vault locks.
func (c *ClipboardAPI) locked() { c.clearIfOurs() }
