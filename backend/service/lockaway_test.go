package service

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLockWhenAwaySetting(t *testing.T) {
	home := t.TempDir()
	s, err := LoadSettings(home)
	if err != nil || !s.LockWhenAway() {
		t.Fatalf("a new device: LockWhenAway = %v (%v), want on", s.LockWhenAway(), err)
	}
	if err := s.SetLockWhenAway(false); err != nil {
		t.Fatal(err)
	}
	if err := SaveSettings(home, s); err != nil {
		t.Fatal(err)
	}
	if s, _ = LoadSettings(home); s.LockWhenAway() {
		t.Fatal("turned off, read back on")
	}
	// A section a person broke by hand keeps the safe default.
	if err := os.WriteFile(filepath.Join(home, "settings.json"), []byte(`{"lock":{"whenAway":"no"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if s, _ = LoadSettings(home); !s.LockWhenAway() {
		t.Fatal("an unreadable lock section turned locking off")
	}
}
