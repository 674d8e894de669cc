package syncer

import (
	"context"
	"sort"
	"sync"
	"testing"
	"time"

	"vaultbar/backend/model"
)

// fakeClock runs AfterFunc callbacks synchronously from Advance.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	c       *fakeClock
	at      time.Time
	f       func()
	stopped bool
}

func (t *fakeTimer) Stop() bool {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	was := !t.stopped
	t.stopped = true
	return was
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) AfterFunc(d time.Duration, f func()) Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{c: c, at: c.now.Add(d), f: f}
	c.timers = append(c.timers, t)
	return t
}

// Advance moves time on by d, firing due timers in order.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	end := c.now.Add(d)
	c.mu.Unlock()
	for {
		c.mu.Lock()
		sort.Slice(c.timers, func(i, j int) bool { return c.timers[i].at.Before(c.timers[j].at) })
		var next *fakeTimer
		for i, t := range c.timers {
			if !t.stopped && !t.at.After(end) {
				next = t
				c.timers = append(c.timers[:i], c.timers[i+1:]...)
				break
			}
		}
		if next == nil {
			c.now = end
			c.mu.Unlock()
			return
		}
		c.now = next.at
		next.stopped = true
		c.mu.Unlock()
		next.f()
	}
}

func newTestScheduler() (*scheduler, *fakeClock) {
	c := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	s := newScheduler(c, 2*time.Second, 30*time.Second, func(context.Context) {})
	s.setAuto(true)
	return s, c
}

func (s *scheduler) kickCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.kicks
}

func TestQuietPeriod(t *testing.T) {
	s, c := newTestScheduler()
	s.changed()
	c.Advance(1900 * time.Millisecond)
	if s.kickCount() != 0 {
		t.Fatal("synced before the quiet period ended")
	}
	s.changed() // another edit restarts the quiet period
	c.Advance(1900 * time.Millisecond)
	if s.kickCount() != 0 {
		t.Fatal("synced while edits kept coming")
	}
	c.Advance(200 * time.Millisecond)
	if s.kickCount() != 1 {
		t.Fatalf("%d syncs after the quiet period, want 1", s.kickCount())
	}
	c.Advance(time.Minute)
	if s.kickCount() != 1 {
		t.Fatal("synced again with nothing new")
	}
}

func TestCapWhileEditsKeepComing(t *testing.T) {
	s, c := newTestScheduler()
	for range 29 {
		s.changed()
		c.Advance(time.Second)
	}
	if s.kickCount() != 0 {
		t.Fatal("synced during a run of edits before the cap")
	}
	s.changed()
	c.Advance(time.Second)
	if s.kickCount() != 1 {
		t.Fatalf("no sync 30 s after the first of a run of edits (%d)", s.kickCount())
	}
}

func TestAutoOffWaitsThenCatchesUp(t *testing.T) {
	s, c := newTestScheduler()
	s.setAuto(false)
	s.changed()
	c.Advance(time.Minute)
	if s.kickCount() != 0 {
		t.Fatal("synced with auto-sync off")
	}
	s.setAuto(true)
	c.Advance(time.Minute)
	if s.kickCount() != 1 {
		t.Fatal("edits made while auto-sync was off were not synced when it came on")
	}
}

func TestSettledSyncCancelsPendingOne(t *testing.T) {
	s, c := newTestScheduler()
	s.changed()
	s.settled(c.Now()) // e.g. a manual sync published it
	c.Advance(time.Minute)
	if s.kickCount() != 0 {
		t.Fatal("synced again for an edit already published")
	}
}

func TestWatchEventsAndRequestsRunSyncs(t *testing.T) {
	c := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	ran := make(chan struct{}, 10)
	s := newScheduler(c, 2*time.Second, 30*time.Second, func(context.Context) { ran <- struct{}{} })
	s.setAuto(true)
	events := make(chan struct{})
	s.start(events)
	defer s.stop()
	events <- struct{}{}
	<-ran // blocks until the watch event ran a sync; no timing asserted
	s.request()
	<-ran
	s.setAuto(false)
	events <- struct{}{} // taken by the loop but ignored: auto-sync is off
	s.request()
	<-ran // manual requests still run
	if len(ran) != 0 {
		t.Fatal("a watch event ran a sync with auto-sync off")
	}
}

// TestAutoSyncAcrossEngines wires everything for real: two engines on one
// folder, watching it, auto-sync on. An edit on one reaches the other with
// no call but Changed. The timeout only keeps a broken build from hanging.
func TestAutoSyncAcrossEngines(t *testing.T) {
	root := t.TempDir()
	fast := func(c *Config) { c.NoWatch, c.Quiet = false, 20*time.Millisecond }
	a := newBenchDevice(t, root, "deva", nil, fast)
	x := newBenchDevice(t, root, "devb", nil, fast)
	for _, d := range []*benchDevice{a, x} {
		if _, err := d.e.Setup(context.Background(), "pw"); err != nil {
			t.Fatal(err)
		}
	}
	arrived := make(chan struct{}, 100)
	x.r.onApply = func() { arrived <- struct{}{} }
	for _, d := range []*benchDevice{a, x} {
		if err := d.e.Start(); err != nil {
			t.Fatal(err)
		}
		defer d.e.Stop()
	}
	var id string
	a.r.edit(t, func(v *model.Vault) error {
		r, err := v.AddRecord(model.RecordInput{Type: "login", Name: "auto"})
		id = r.ID
		return err
	})
	a.e.Changed()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case <-arrived:
		case <-timeout:
			t.Fatal("the edit never arrived")
		}
		x.r.mu.Lock()
		ok := x.r.v.Entity(id) != nil
		x.r.mu.Unlock()
		if ok {
			break
		}
	}
	if st := x.e.Status(); st.State != StateIdle && st.State != StateSyncing {
		t.Fatalf("status %+v", st)
	}
}
