package service

import (
	"testing"
	"time"

	"vaultbar/backend/model"
)

// clock is a time source the test moves by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time       { return c.t }
func (c *clock) wait(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *clock                { return &clock{t: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)} }
func setIdle(t *testing.T, s *VaultService, d time.Duration) {
	t.Helper()
	if _, err := s.UpdateSettings(func(st *Settings) error { st.IdleLock = d; return nil }); err != nil {
		t.Fatal(err)
	}
}

func TestIdleLockLocksAfterTheSetTime(t *testing.T) {
	s := created(t)
	c := newClock()
	l := NewIdleLock(s, c.now)
	defer l.Stop()
	setIdle(t, s, 5*time.Minute)

	c.wait(4 * time.Minute)
	l.Touch() // the user did something
	c.wait(4 * time.Minute)
	if l.Check() || s.Locked() {
		t.Fatal("locked 4 minutes after the last activity; the setting is 5")
	}
	c.wait(time.Minute)
	if !l.Check() || !s.Locked() {
		t.Fatal("still unlocked 5 minutes after the last activity")
	}
}

func TestIdleLockCountsEditsAndUnlockNotSyncs(t *testing.T) {
	s := created(t)
	c := newClock()
	l := NewIdleLock(s, c.now)
	defer l.Stop()
	setIdle(t, s, time.Minute)

	c.wait(50 * time.Second)
	addLogin(t, s, "Mail", "ann") // an edit is activity
	c.wait(50 * time.Second)
	if l.Check() {
		t.Fatal("locked 50 s after an edit; the setting is 1 minute")
	}
	other := model.New(model.NewClock("other-device", model.Stamp{}, nil))
	r, _ := other.AddRecord(model.RecordInput{Type: "login", Name: "From elsewhere"})
	if changed, err := s.Apply([]*model.Entity{other.Entity(r.ID)}); err != nil || len(changed) != 1 { // a sync is not
		t.Fatalf("Apply = %v, %v", changed, err)
	}
	c.wait(20 * time.Second)
	if !l.Check() {
		t.Fatal("a sync kept the vault unlocked")
	}

	c.wait(time.Hour)
	if err := s.Unlock(pw); err != nil {
		t.Fatal(err)
	}
	if l.Check() {
		t.Fatal("locked at once after unlocking: unlocking is activity")
	}
}

func TestIdleLockNever(t *testing.T) {
	s := created(t)
	c := newClock()
	l := NewIdleLock(s, c.now)
	defer l.Stop()
	setIdle(t, s, 0)
	c.wait(24 * time.Hour)
	if l.Check() || s.Locked() {
		t.Fatal("locked although the idle lock is off")
	}
}
