package syncer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkSyncWithJunkKeyFiles is one sync of a set-up device while keys/
// holds 3,000 junk key files and a 50 MB one: each is read once (the large
// one never), then only listed.
func BenchmarkSyncWithJunkKeyFiles(b *testing.B) {
	root := b.TempDir()
	d := newBenchDevice(b, root, "a", nil, nil)
	if _, err := d.e.Setup(context.Background(), "pw"); err != nil {
		b.Fatal(err)
	}
	keys := filepath.Join(root, "keys")
	junk := make([]byte, 300)
	for i := range 3000 {
		os.WriteFile(filepath.Join(keys, fmt.Sprintf("%d-j.vbk", 2+i)), junk, 0o600)
	}
	if err := os.WriteFile(filepath.Join(keys, "9-big.vbk"), make([]byte, 50<<20), 0o600); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if err := d.e.SyncNow(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if ws := d.e.Status().Warnings; len(ws) != 1 {
		b.Fatalf("warnings: %v", ws)
	}
}
