package disktest

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSnapshotSeesEveryKindOfWrite(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o700)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("a", "one")
	write("sub/b", "two")
	write("lock", "x")
	before := Snapshot(t, dir, "lock")
	if len(before) != 2 {
		t.Fatalf("snapshot = %v, want a and sub/b", before)
	}
	if d := Diff(before, Snapshot(t, dir, "lock")); d != "" {
		t.Fatalf("nothing changed, diff = %q", d)
	}
	write("lock", "y") // skipped
	write("c", "new")
	os.Remove(filepath.Join(dir, "a"))
	write("sub/b", "two, rewritten")
	if d := Diff(before, Snapshot(t, dir, "lock")); d != "added c\nchanged sub/b\nremoved a" {
		t.Fatalf("diff = %q", d)
	}
}
