package model_test

import (
	"fmt"
	"runtime"
	"testing"

	"vaultbar/backend/internal/fakevault"
	"vaultbar/backend/model"
)

// BenchmarkListPage measures what the window asks for per keystroke: the
// first page of 100 results and the total, over 10,000 and 100,000
// records (-short: 10,000 only). "scroll" is a later page of a query
// already searched.
func BenchmarkListPage(b *testing.B) {
	sizes := []int{10_000, 100_000}
	if testing.Short() {
		sizes = sizes[:1]
	}
	for _, n := range sizes {
		v := model.Load(model.NewClock("bench", model.Stamp{}, nil), fakevault.Records(n, 1))
		v.List(model.Filter{})
		runtime.GC()
		for i, q := range []string{"g", "gi", "git", "an", ""} {
			b.Run(fmt.Sprintf("%dk/q=%q", n/1000, q), func(b *testing.B) {
				total := 0
				for j := 0; b.Loop(); j++ {
					// Alternate with another query so the hit cache never answers.
					v.ListPage(model.Filter{Query: fmt.Sprint("x", i, j)}, 0, 1)
					total = v.ListPage(model.Filter{Query: q}, 0, 100).Total
				}
				b.ReportMetric(float64(total), "hits")
			})
		}
		b.Run(fmt.Sprintf("%dk/scroll", n/1000), func(b *testing.B) {
			for j := 0; b.Loop(); j++ {
				v.ListPage(model.Filter{}, (j*100)%n, 100)
			}
		})
	}
}

// BenchmarkListAfterEdit measures the first page after one record changed
// (an edit here or one merged from another device): the index entry is
// patched, not every entry rebuilt.
func BenchmarkListAfterEdit(b *testing.B) {
	sizes := []int{10_000, 100_000}
	if testing.Short() {
		sizes = sizes[:1]
	}
	for _, n := range sizes {
		v := model.Load(model.NewClock("bench", model.Stamp{}, nil), fakevault.Records(n, 1))
		recs := v.List(model.Filter{})
		runtime.GC()
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			for j := 0; b.Loop(); j++ {
				name := fmt.Sprint("renamed ", j)
				if _, err := v.UpdateRecord(recs[j%len(recs)].ID, model.RecordPatch{Name: &name}); err != nil {
					b.Fatal(err)
				}
				v.ListPage(model.Filter{}, 0, 100)
			}
		})
	}
}
