package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestProgressLines: a 10,000-record import prints a line every 1,000
// records and the last, not one per record.
func TestProgressLines(t *testing.T) {
	var b bytes.Buffer
	for done := 100; done <= 10000; done += 100 {
		progressLine(&b, done, 10000)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 10 || lines[9] != "Writing records: 10000 of 10000" {
		t.Errorf("%d lines: %q", len(lines), lines)
	}
	b.Reset()
	progressLine(&b, 4, 4)
	if b.String() != "Writing records: 4 of 4\n" {
		t.Errorf("small import: %q", b.String())
	}
}
