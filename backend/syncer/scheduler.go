package syncer

import (
	"context"
	"sync"
	"time"

	"vaultbar/backend/crypto"
	"vaultbar/backend/watch"
)

// scheduler decides when to sync: quiet after a run of edits but no later
// than maxWait after its first, whenever the folder changes, and on demand.
// Syncs run one at a time on one goroutine; requests made while one runs
// fold into a single next sync.
type scheduler struct {
	clock          Clock
	quiet, maxWait time.Duration
	run            func(context.Context)

	mu          sync.Mutex
	auto        bool
	pending     bool // edits waiting for their sync
	first, last time.Time
	timer       Timer
	kicks       int // syncs requested, for tests

	kick   chan struct{}
	cancel context.CancelFunc
	done   chan struct{}
}

func newScheduler(c Clock, quiet, maxWait time.Duration, run func(context.Context)) *scheduler {
	return &scheduler{clock: c, quiet: quiet, maxWait: maxWait, run: run, kick: make(chan struct{}, 1)}
}

// start runs the sync goroutine until stop, forwarding folder events.
func (s *scheduler) start(events <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel, s.done = cancel, make(chan struct{})
	go s.loop(ctx, events, s.done)
}

func (s *scheduler) loop(ctx context.Context, events <-chan struct{}, done chan struct{}) {
	defer close(done)
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.kick:
			s.run(ctx)
		case <-events:
			if s.isAuto() {
				s.run(ctx)
			}
		}
	}
}

// stop ends the goroutine after any sync running now.
func (s *scheduler) stop() {
	s.mu.Lock()
	cancel, done := s.cancel, s.done
	s.cancel, s.done = nil, nil
	if s.timer != nil {
		s.timer.Stop()
	}
	s.mu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
}

func (s *scheduler) isAuto() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.auto
}

func (s *scheduler) setAuto(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.auto = on
	if on && s.pending {
		s.armLocked()
	}
}

// changed notes an edit. With auto-sync off it is published at the next
// manual sync (or when auto-sync is switched back on).
func (s *scheduler) changed() {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	if !s.pending {
		s.first, s.pending = now, true
	}
	s.last = now
	if s.auto {
		s.armLocked()
	}
}

func (s *scheduler) dueLocked() time.Time {
	due := s.last.Add(s.quiet)
	if cap := s.first.Add(s.maxWait); cap.Before(due) {
		due = cap
	}
	return due
}

func (s *scheduler) armLocked() {
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = s.clock.AfterFunc(s.dueLocked().Sub(s.clock.Now()), s.fire)
}

func (s *scheduler) fire() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.pending || !s.auto {
		return
	}
	if s.clock.Now().Before(s.dueLocked()) {
		s.armLocked() // a later edit moved the deadline
		return
	}
	s.pending = false
	s.kickLocked()
}

// request asks for a sync soon, folding into one already requested.
func (s *scheduler) request() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kickLocked()
}

func (s *scheduler) kickLocked() {
	s.kicks++
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// settled notes that a sync published everything: edits made before it
// started need no sync of their own.
func (s *scheduler) settled(started time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pending && !s.last.After(started) {
		s.pending = false
		if s.timer != nil {
			s.timer.Stop()
		}
	}
}

// Start begins automatic syncing: a sync now (call it on unlock), then
// after edits (see Changed) and when the sync folder changes. Stop ends it.
func (e *Engine) Start() error {
	var events <-chan struct{}
	if !e.cfg.NoWatch {
		w, err := watch.New(e.cfg.Root, watch.Options{
			Rescan: e.cfg.Rescan,
			Ignore: e.ownFile,
		})
		if err != nil {
			return err
		}
		e.watcher = w
		events = w.Events()
	}
	e.mu.Lock()
	e.sched.setAuto(e.st != nil && !e.st.Manual)
	e.mu.Unlock()
	e.sched.start(events)
	e.sched.request()
	return nil
}

// Stop ends automatic syncing after any sync running now, and wipes the
// keys from memory. Call Flush first to publish the last edits. The engine
// is done after Stop; make a new one on the next unlock.
func (e *Engine) Stop() {
	e.sched.stop()
	if e.watcher != nil {
		e.watcher.Close()
		e.watcher = nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.wipeKeys()
	e.keys = map[uint64]*crypto.Key{}
}

// Changed tells the engine the user edited the vault.
func (e *Engine) Changed() { e.sched.changed() }

// SetAuto switches automatic syncing on or off and remembers the choice in
// the vault.
func (e *Engine) SetAuto(on bool) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st == nil {
		return ErrNotSetUp
	}
	e.st.Manual = !on
	if err := e.save(); err != nil {
		return err
	}
	e.sched.setAuto(on)
	e.setIdle()
	return nil
}

func (e *Engine) runScheduled(ctx context.Context) {
	started := e.cfg.Clock.Now()
	if err := e.SyncNow(ctx); err == nil {
		e.sched.settled(started)
	}
}
