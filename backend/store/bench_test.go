package store

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
	"vaultbar/backend/model"
)

// Benchmarks for 10,000 and 100,000 realistic records. Unlocking reports
// the key derivation (the real, calibrated default) apart from everything
// else, which has a budget of 30 ms at 10k and 300 ms at 100k.

func BenchmarkUnlock10k(b *testing.B)  { benchUnlock(b, 10_000) }
func BenchmarkUnlock100k(b *testing.B) { benchUnlock(b, 100_000) }
func BenchmarkCompact10k(b *testing.B) { benchCompact(b, 10_000) }
func BenchmarkCompact100k(b *testing.B) {
	benchCompact(b, 100_000)
}
func BenchmarkAppend10k(b *testing.B)  { benchAppend(b, 10_000) }
func BenchmarkAppend100k(b *testing.B) { benchAppend(b, 100_000) }

var (
	realOnce sync.Once
	realKDF  crypto.KDFParams
)

func benchUnlock(b *testing.B, n int) {
	realOnce.Do(func() { realKDF = crypto.Calibrate(500 * time.Millisecond) })
	dir, s, _ := benchVault(b, n, &realKDF)
	s.Close()
	var kdf time.Duration
	deriveKey = func(pw, salt []byte, p crypto.KDFParams) (*crypto.Key, error) {
		start := time.Now()
		defer func() { kdf += time.Since(start) }()
		return crypto.DeriveKey(pw, salt, p)
	}
	defer func() { deriveKey = crypto.DeriveKey }()
	var total time.Duration
	peak := peakHeap(func() {
		for b.Loop() {
			start := time.Now()
			s, _, err := Open(dir, pw)
			total += time.Since(start)
			if err != nil {
				b.Fatal(err)
			}
			s.Close()
		}
	})
	report(b, "kdf-ms", kdf)
	report(b, "rest-ms", total-kdf)
	b.ReportMetric(peak, "peak-MB")
}

func benchCompact(b *testing.B, n int) {
	_, s, ents := benchVault(b, n, &light)
	defer s.Close()
	var total time.Duration
	peak := peakHeap(func() {
		for b.Loop() {
			start := time.Now()
			if err := s.Compact(ents, []byte("local")); err != nil {
				b.Fatal(err)
			}
			total += time.Since(start)
		}
	})
	report(b, "save-ms", total)
	b.ReportMetric(peak, "peak-MB")
	b.ReportMetric(float64(s.snapSize)/1e6, "file-MB")
}

func benchAppend(b *testing.B, n int) {
	_, s, ents := benchVault(b, n, &light)
	defer s.Close()
	local := []byte(`{"device":"d7f3a9c1e2b44f60","clock":{"Wall":1700000000000},"dirty":["a","b","c"]}`)
	var total time.Duration
	i := 0
	for b.Loop() {
		e := edit(ents[i%len(ents)], fmt.Sprint("edit ", i))
		i++
		start := time.Now()
		if err := s.Append([]*model.Entity{e}, local); err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
		if s.NeedsCompaction() {
			b.StopTimer()
			s.Compact(ents, local)
			b.StartTimer()
		}
	}
	report(b, "append-ms", total)
}

// benchVault creates a vault of n generated records whose entities are as
// unlocking decodes them, like the state a running app saves.
func benchVault(b *testing.B, n int, kdf *crypto.KDFParams) (string, *Store, []*model.Entity) {
	b.Helper()
	dir, s, gen := newVault(b, n)
	s.Close()
	ents, err := format.ParseEntities(format.AppendEntities(nil, gen))
	if err != nil {
		b.Fatal(err)
	}
	dir = dir + "-bench"
	s, err = Create(dir, pw, CreateOptions{Entities: ents, KDF: kdf})
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	return dir, s, ents
}

func report(b *testing.B, unit string, d time.Duration) {
	b.ReportMetric(float64(d.Microseconds())/1000/float64(b.N), unit)
}

// peakHeap runs f and returns the most heap it had in use, in MB, sampled
// every millisecond.
func peakHeap(f func()) float64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	return float64(peak) / 1e6
}
