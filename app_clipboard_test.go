package main

import (
	"testing"
	"time"
)

type fakeBoard struct{ text string }

func (f *fakeBoard) Get() (string, error) { return f.text, nil }
func (f *fakeBoard) Set(t string) error   { f.text = t; return nil }

// newTestClipboard returns a ClipboardAPI whose timers fire only when the
// test calls fire().
func newTestClipboard(delay time.Duration) (*ClipboardAPI, *fakeBoard, func()) {
	board := &fakeBoard{}
	var pending func()
	c := &ClipboardAPI{board: board, delay: func() time.Duration { return delay }}
	c.after = func(_ time.Duration, f func()) *time.Timer {
		pending = f
		return time.NewTimer(time.Hour)
	}
	return c, board, func() { pending() }
}

func TestClipboardClearsWhatItCopied(t *testing.T) {
	c, board, fire := newTestClipboard(30 * time.Second)
	secs, err := c.Copy("hunter2")
	if err != nil || secs != 30 {
		t.Fatalf("Copy = %d, %v", secs, err)
	}
	if board.text != "hunter2" {
		t.Fatalf("clipboard %q", board.text)
	}
	fire()
	if board.text != "" {
		t.Fatalf("clipboard not cleared: %q", board.text)
	}
}

func TestClipboardLeavesWhatSomeoneElseCopied(t *testing.T) {
	c, board, fire := newTestClipboard(30 * time.Second)
	c.Copy("hunter2")
	board.text = "a shopping list" // the person copied something since
	fire()
	if board.text != "a shopping list" {
		t.Fatalf("clipboard %q, want it left alone", board.text)
	}
}

func TestClipboardClearsOnLock(t *testing.T) {
	c, board, _ := newTestClipboard(0)
	if secs, _ := c.Copy("hunter2"); secs != 0 {
		t.Fatalf("delay 0 reported as %d s", secs)
	}
	c.locked()
	if board.text != "" {
		t.Fatalf("clipboard not cleared at lock: %q", board.text)
	}
}

func TestSentence(t *testing.T) {
	for in, want := range map[string]string{
		"the login password is not right": "The login password is not right.",
		"done!":                           "Done!",
		"iCloud Drive is turned off":      "iCloud Drive is turned off.",
		"":                                "",
	} {
		if got := sentence(in); got != want {
			t.Errorf("sentence(%q) = %q, want %q", in, got, want)
		}
	}
}
