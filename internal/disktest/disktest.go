// Package disktest helps tests prove what the brief demands of every
// failure: nothing on disk was overwritten or lost. Snapshot fingerprints
// every file under a folder; compare two snapshots taken around an
// operation that should have written nothing.
package disktest

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Snapshot maps the path (relative to dir) of every regular file under dir,
// except those whose base name is in skip, to a hash of its content. Only
// content counts: a failed save may write and cut back a journal, which
// leaves every byte as it was.
func Snapshot(t testing.TB, dir string, skip ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || slices.Contains(skip, d.Name()) {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel] = fmt.Sprintf("%x", sha256.Sum256(b))
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatalf("reading %s: %v", dir, err)
	}
	return out
}

// Diff describes how after differs from before, or returns "" when they
// are the same: files added, removed and changed, one per line.
func Diff(before, after map[string]string) string {
	var lines []string
	for p, v := range after {
		switch old, ok := before[p]; {
		case !ok:
			lines = append(lines, "added "+p)
		case old != v:
			lines = append(lines, "changed "+p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			lines = append(lines, "removed "+p)
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
