package model_test

import (
	"fmt"
	"runtime"
	"testing"

	"vaultbar/backend/internal/fakevault"
	"vaultbar/backend/model"
)

// BenchmarkSearch measures one search as the user types it, over vaults of
// 10,000 and 100,000 realistic records, for selective and broad queries and
// the bare listing. Target: ≤ 1 ms at 10k. "cold" is the first search after
// unlock, which also builds the index.
func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		ents := fakevault.Records(n, 1)
		v := model.Load(model.NewClock("bench", model.Stamp{}, nil), ents)
		v.List(model.Filter{})
		runtime.GC() // the generator's garbage is not the search's
		for _, q := range []string{"git", "mail", "an", "bank 20", "zzzz-no-match", ""} {
			b.Run(fmt.Sprintf("%dk/q=%q", n/1000, q), func(b *testing.B) {
				hits := 0
				for b.Loop() {
					hits = len(v.List(model.Filter{Query: q}))
				}
				b.ReportMetric(float64(hits), "hits")
			})
		}
		b.Run(fmt.Sprintf("%dk/cold", n/1000), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				v := model.Load(model.NewClock("bench", model.Stamp{}, nil), ents)
				b.StartTimer()
				v.List(model.Filter{Query: "git"})
			}
		})
	}
}

// BenchmarkUpdateForeign edits records that hold a field their type does not
// define (moved or imported records) in vaults of 1,000 and 10,000: each
// edit returns the record's view, whose label lookup once scanned every
// entity, so a bulk edit or import grew as n².
func BenchmarkUpdateForeign(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		v := model.Load(model.NewClock("bench", model.Stamp{}, nil), fakevault.Records(n, 1))
		var ids []string
		for _, r := range v.List(model.Filter{}) {
			ids = append(ids, r.ID)
		}
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			i := 0
			for b.Loop() {
				_, err := v.UpdateRecord(ids[i%len(ids)], model.RecordPatch{Fields: map[string]string{"shoe": fmt.Sprint(i)}})
				if err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
