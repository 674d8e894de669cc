package model

import (
	"math"
	"testing"
	"time"
)

func fixedNow(t time.Time) func() time.Time { return func() time.Time { return t } }

// Case 8 of issue 10: a stamp far ahead of the local clock is not followed;
// one within a day is.
func TestObserveIgnoresStampsFarAhead(t *testing.T) {
	now := time.UnixMilli(1_700_000_000_000)
	c := NewClock("a", Stamp{}, fixedNow(now))
	far := Stamp{Wall: now.Add(MaxAhead + time.Minute).UnixMilli(), Dev: "z"}
	c.Observe(far)
	if c.Last().Wall > now.Add(MaxAhead).UnixMilli() {
		t.Fatalf("the clock jumped to %v", c.Last())
	}
	if s := c.Next(); s.Wall != now.UnixMilli() {
		t.Fatalf("next stamp %v, want the local time", s)
	}
	near := Stamp{Wall: now.Add(time.Hour).UnixMilli(), Count: 3, Dev: "z"}
	c.Observe(near)
	if s := c.Next(); !s.After(near) {
		t.Fatalf("next stamp %v is not after %v, seen within a day", s, near)
	}
}

// Case 8 of issue 10: the counter carries into the wall time instead of
// wrapping to 0, so stamps keep increasing.
func TestCounterDoesNotWrap(t *testing.T) {
	now := time.UnixMilli(1_700_000_000_000)
	last := Stamp{Wall: now.UnixMilli() + 5, Count: math.MaxUint32, Dev: "a"}
	c := NewClock("a", last, fixedNow(now))
	s := c.Next()
	if !s.After(last) {
		t.Fatalf("after %v came %v", last, s)
	}
	if n := c.Next(); !n.After(s) {
		t.Fatalf("after %v came %v", s, n)
	}
	c.Observe(Stamp{Wall: s.Wall + 1, Count: math.MaxUint32, Dev: "z"})
	if n := c.Next(); n.Count == 0 && n.Wall <= s.Wall+1 {
		t.Fatalf("wrapped: %v", n)
	}
}
