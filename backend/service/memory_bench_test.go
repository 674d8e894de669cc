package service

import (
	"fmt"
	"runtime"
	"testing"

	"vaultbar/backend/internal/fakevault"
	"vaultbar/backend/model"
)

// BenchmarkUnlockedMemory reports what the app keeps in memory while a
// vault of 10,000 or 100,000 realistic records is unlocked and listed (its
// search index built): the live heap after a collection. The app's
// resident size is this plus the GTK/WebKit floor (make measure-ui).
func BenchmarkUnlockedMemory(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		s := New(b.TempDir())
		s.testKDF = lightKDF
		s.release = func() {}
		if err := s.Create(pw); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Apply(fakevault.Records(n, 1)); err != nil {
			b.Fatal(err)
		}
		s.Lock()
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			var live uint64
			for b.Loop() {
				if err := s.Unlock(pw); err != nil {
					b.Fatal(err)
				}
				if _, err := s.ListPage(model.Filter{}, 0, 100, ""); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				live = liveHeap()
				s.Lock()
				b.StartTimer()
			}
			b.ReportMetric(float64(live)/(1<<20), "live-MB")
		})
	}
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
