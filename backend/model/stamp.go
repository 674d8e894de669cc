package model

import (
	"math"
	"strings"
	"sync"
	"time"
)

// Stamp is a reading of a hybrid logical clock: wall time in milliseconds,
// a counter for events within one millisecond (or when the wall clock lags
// a stamp already seen), and the device that made it. Stamps are totally
// ordered; the device id breaks ties, so two devices never make equal stamps.
type Stamp struct {
	Wall  int64  // unix milliseconds
	Count uint32 // logical counter within Wall
	Dev   string // device id
}

// Compare orders stamps: -1 if s is earlier than o, 0 if equal, +1 if later.
func (s Stamp) Compare(o Stamp) int {
	switch {
	case s.Wall != o.Wall:
		return cmp(s.Wall < o.Wall)
	case s.Count != o.Count:
		return cmp(s.Count < o.Count)
	default:
		return strings.Compare(s.Dev, o.Dev)
	}
}

func cmp(less bool) int {
	if less {
		return -1
	}
	return 1
}

// After reports whether s is later than o.
func (s Stamp) After(o Stamp) bool { return s.Compare(o) > 0 }

// IsZero reports whether s is the zero stamp, which every real stamp follows.
// Built-in types and groups carry it so that any edit wins over the seed.
func (s Stamp) IsZero() bool { return s == Stamp{} }

// Time is the wall-clock part of s.
func (s Stamp) Time() time.Time { return time.UnixMilli(s.Wall) }

// MaxStamp returns the later of a and b.
func MaxStamp(a, b Stamp) Stamp {
	if a.After(b) {
		return a
	}
	return b
}

// Clock hands out strictly increasing stamps for one device. It is safe for
// concurrent use.
type Clock struct {
	mu   sync.Mutex
	dev  string
	last Stamp
	now  func() time.Time
}

// NewClock returns a clock for device dev that continues after last (the
// latest stamp the device has made or seen, persisted with the vault).
// now may be nil for time.Now.
func NewClock(dev string, last Stamp, now func() time.Time) *Clock {
	if now == nil {
		now = time.Now
	}
	return &Clock{dev: dev, last: last, now: now}
}

// Device is the id of the device this clock stamps for.
func (c *Clock) Device() string { return c.dev }

// Next returns a stamp later than every stamp made or observed so far.
func (c *Clock) Next() Stamp {
	c.mu.Lock()
	defer c.mu.Unlock()
	wall := c.now().UnixMilli()
	switch {
	case wall > c.last.Wall:
		c.last = Stamp{Wall: wall, Dev: c.dev}
	case c.last.Count == math.MaxUint32:
		// The counter is full: carry into the wall time rather than wrap
		// to 0, which would order this stamp before the ones it follows.
		c.last = Stamp{Wall: c.last.Wall + 1, Dev: c.dev}
	default:
		// The wall clock is behind a stamp we made or saw: keep the later
		// wall time and count on, so order holds even if the clock steps back.
		c.last = Stamp{Wall: c.last.Wall, Count: c.last.Count + 1, Dev: c.dev}
	}
	return c.last
}

// MaxAhead is how far past the local clock a stamp seen from elsewhere may
// be and still move the clock. A device whose clock is set years ahead (or
// a file stamped so) would otherwise drag every device's clock along for
// good; beyond it, the stamp's value still merges, but the clock stays.
const MaxAhead = 24 * time.Hour

// Observe moves the clock past a stamp seen from another device, so the next
// local edit is ordered after everything this device has already seen; a
// stamp more than MaxAhead past the local clock is not followed.
func (c *Clock) Observe(s Stamp) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s.Wall > c.now().Add(MaxAhead).UnixMilli() {
		return
	}
	if s.Wall > c.last.Wall || (s.Wall == c.last.Wall && s.Count > c.last.Count) {
		c.last = Stamp{Wall: s.Wall, Count: s.Count, Dev: c.dev}
	}
}

// Last is the latest stamp made or observed; persist it with the vault.
func (c *Clock) Last() Stamp {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}
