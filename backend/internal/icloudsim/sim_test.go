package icloudsim

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func read(t *testing.T, d *Device, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(d.Dir, rel))
	if err != nil {
		return "<missing>"
	}
	return string(b)
}

func two(t *testing.T, opt Options) (*Sim, *Device, *Device) {
	s := New(opt)
	return s, s.AddDevice("a", t.TempDir()), s.AddDevice("b", t.TempDir())
}

func TestCopiesAndDeletes(t *testing.T) {
	s, a, b := two(t, Options{Seed: 1, MaxDelay: 3})
	os.MkdirAll(filepath.Join(a.Dir, "x"), 0o700)
	os.WriteFile(filepath.Join(a.Dir, "x", "f"), []byte("hello"), 0o600)
	os.WriteFile(filepath.Join(a.Dir, ".vbtmp-1"), []byte("temp"), 0o600)
	s.Settle()
	if got := read(t, b, "x/f"); got != "hello" {
		t.Fatalf("b has %q", got)
	}
	if got := read(t, b, ".vbtmp-1"); got != "<missing>" {
		t.Fatal("a temp file was copied")
	}
	os.Remove(filepath.Join(b.Dir, "x", "f"))
	s.Settle()
	if got := read(t, a, "x/f"); got != "<missing>" {
		t.Fatalf("deletion not propagated: %q", got)
	}
}

func TestConcurrentChangesMakeConflictCopies(t *testing.T) {
	for _, c := range []struct {
		style Style
		want  string
	}{{ICloud, "f 2.txt"}, {Dropbox, "conflicted copy"}, {Syncthing, ".sync-conflict-"}} {
		s, a, b := two(t, Options{Seed: 2, Style: c.style})
		os.WriteFile(filepath.Join(a.Dir, "f.txt"), []byte("from a"), 0o600)
		os.WriteFile(filepath.Join(b.Dir, "f.txt"), []byte("from b"), 0o600)
		s.Settle()
		for _, d := range []*Device{a, b} {
			ents, _ := os.ReadDir(d.Dir)
			var names []string
			for _, e := range ents {
				names = append(names, e.Name())
			}
			if len(names) != 2 || !strings.Contains(strings.Join(names, "|"), c.want) {
				t.Fatalf("style %v, device %s: %v", c.style, d.Name, names)
			}
		}
		if read(t, a, "f.txt") != read(t, b, "f.txt") {
			t.Fatal("devices disagree on the file")
		}
	}
}

func TestPartialThenWhole(t *testing.T) {
	s, a, b := two(t, Options{Seed: 3, PartialRate: 1})
	os.WriteFile(filepath.Join(a.Dir, "f"), []byte("0123456789"), 0o600)
	s.Step() // uploaded
	s.Step()
	if got := read(t, b, "f"); got != "01234" {
		t.Fatalf("first landing: %q", got)
	}
	s.Step()
	if got := read(t, b, "f"); got != "0123456789" {
		t.Fatalf("second landing: %q", got)
	}
}

func TestEvictAndDownload(t *testing.T) {
	for _, dataless := range []bool{false, true} {
		s, a, b := two(t, Options{Seed: 4, EvictRate: 1, Dataless: dataless, DownloadDelay: 2})
		os.WriteFile(filepath.Join(a.Dir, "f"), []byte("data"), 0o600)
		s.Settle()
		p := filepath.Join(b.Dir, "f")
		if dataless {
			if !b.Dataless(p, nil) {
				t.Fatal("not dataless")
			}
		} else if _, err := os.Stat(filepath.Join(b.Dir, ".f.icloud")); err != nil {
			t.Fatal("no placeholder")
		}
		b.Download(p)
		s.Step()
		if read(t, b, "f") == "data" {
			t.Fatal("downloaded before its delay")
		}
		s.Settle()
		if got := read(t, b, "f"); got != "data" || b.Dataless(p, nil) {
			t.Fatalf("after download: %q", got)
		}
		if got := read(t, a, "f"); got != "data" {
			t.Fatalf("eviction was taken for a change: a has %q", got)
		}
	}
}
