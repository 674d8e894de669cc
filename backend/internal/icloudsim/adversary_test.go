package icloudsim

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRollbackRestoresAnOlderFolder(t *testing.T) {
	s, a, b := two(t, Options{Seed: 2, MaxDelay: 2})
	os.MkdirAll(filepath.Join(a.Dir, "d"), 0o700)
	os.WriteFile(filepath.Join(a.Dir, "d", "one"), []byte("1"), 0o600)
	s.Settle()
	at := s.Now()
	os.WriteFile(filepath.Join(a.Dir, "d", "two"), []byte("2"), 0o600)
	os.Remove(filepath.Join(a.Dir, "d", "one"))
	s.Settle()
	s.Rollback("d/", at)
	s.Settle()
	for _, d := range []*Device{a, b} {
		if got := read(t, d, "d/one"); got != "1" {
			t.Fatalf("%s: d/one = %q after the rollback", d.Name, got)
		}
		if got := read(t, d, "d/two"); got != "<missing>" {
			t.Fatalf("%s: d/two = %q after the rollback", d.Name, got)
		}
	}
}

func TestServerSideChangesReachEveryDevice(t *testing.T) {
	s, a, b := two(t, Options{Seed: 3})
	os.WriteFile(filepath.Join(a.Dir, "x"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(a.Dir, "y"), []byte("yy"), 0o600)
	s.Settle()
	s.Swap("x", "y")
	s.Put("junk", []byte("junk"))
	s.Settle()
	for _, d := range []*Device{a, b} {
		if read(t, d, "x") != "yy" || read(t, d, "y") != "x" || read(t, d, "junk") != "junk" {
			t.Fatalf("%s: x=%q y=%q junk=%q", d.Name, read(t, d, "x"), read(t, d, "y"), read(t, d, "junk"))
		}
	}
	s.Delete("junk")
	s.Settle()
	if read(t, a, "junk") != "<missing>" || len(s.Files("")) != 2 {
		t.Fatalf("delete: %v", s.Files(""))
	}
}
