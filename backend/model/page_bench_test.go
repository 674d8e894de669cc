package model_test

import (
	"encoding/json"
	"fmt"
	"runtime"
	"testing"

	"vaultbar/backend/internal/fakevault"
	"vaultbar/backend/model"
)

// BenchmarkListPage measures what the window asks for per keystroke: the
// first page of 100 results, the total and where the selected record is,
// encoded as JSON for the page (what VaultAPI.Page costs beyond its lock
// and the WebSocket), over 10,000 and 100,000 records (-short: 10,000
// only). "cold" is a query searched over every record (the first key after
// an edit); "typing" is one key of "github" typed key by key, each query
// searched among the last one's hits (ns/key); "erasing" is one key of
// "github" erased back to "g" (cached); "scroll" is a later page of a
// query already searched.
func BenchmarkListPage(b *testing.B) {
	sizes := []int{10_000, 100_000}
	if testing.Short() {
		sizes = sizes[:1]
	}
	for _, n := range sizes {
		v := model.Load(model.NewClock("bench", model.Stamp{}, nil), fakevault.Records(n, 1))
		v.List(model.Filter{})
		sel := v.ListPage(model.Filter{}, n/2, 1, "").Items[0].ID
		page := func(q string, offset int) model.Page {
			p := v.ListPage(model.Filter{Query: q}, offset, 100, sel)
			if _, err := json.Marshal(p); err != nil {
				b.Fatal(err)
			}
			return p
		}
		runtime.GC()
		for _, q := range []string{"g", "gi", "git", "an", ""} {
			b.Run(fmt.Sprintf("%dk/cold/q=%q", n/1000, q), func(b *testing.B) {
				total := 0
				for b.Loop() {
					v.DropHits()
					total = page(q, 0).Total
				}
				b.ReportMetric(float64(total), "hits")
			})
		}
		typed := []string{"g", "gi", "git", "gith", "githu", "github"}
		b.Run(fmt.Sprintf("%dk/typing", n/1000), func(b *testing.B) {
			for b.Loop() {
				v.DropHits()
				for _, q := range typed {
					page(q, 0)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(typed)), "ns/key")
		})
		b.Run(fmt.Sprintf("%dk/erasing", n/1000), func(b *testing.B) {
			for _, q := range typed {
				page(q, 0)
			}
			for j := 0; b.Loop(); j++ {
				page(typed[len(typed)-1-j%len(typed)], 0)
			}
		})
		b.Run(fmt.Sprintf("%dk/scroll", n/1000), func(b *testing.B) {
			for j := 0; b.Loop(); j++ {
				page("", (j*100)%n)
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
				v.ListPage(model.Filter{}, 0, 100, "")
			}
		})
	}
}

// BenchmarkFirstList measures what follows decrypting a vault at unlock:
// loading its entities and the first page, which builds the index.
func BenchmarkFirstList(b *testing.B) {
	sizes := []int{10_000, 100_000}
	if testing.Short() {
		sizes = sizes[:1]
	}
	for _, n := range sizes {
		ents := fakevault.Records(n, 1)
		runtime.GC()
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			for b.Loop() {
				v := model.Load(model.NewClock("bench", model.Stamp{}, nil), ents)
				v.ListPage(model.Filter{}, 0, 100, "")
			}
		})
	}
}

// BenchmarkCounts measures the sidebar's counts, asked for after unlock
// and after every change: a pass over the record index.
func BenchmarkCounts(b *testing.B) {
	sizes := []int{10_000, 100_000}
	if testing.Short() {
		sizes = sizes[:1]
	}
	for _, n := range sizes {
		v := model.Load(model.NewClock("bench", model.Stamp{}, nil), fakevault.Records(n, 1))
		v.Counts()
		runtime.GC()
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			for b.Loop() {
				v.Counts()
			}
		})
	}
}
