package model_test

import (
	"fmt"
	"testing"

	"vaultbar/backend/internal/fakevault"
	"vaultbar/backend/model"
)

// BenchmarkSearch measures one search as the user types it, over vaults of
// 10,000 and 100,000 realistic records. Target: ≤ 1 ms at 10k. "cold" is the
// first search after unlock, which also builds the lower-cased index.
func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		ents := fakevault.Records(n, 1)
		queries := []string{"git", "mail", "an", "bank 20", "zzzz-no-match"}
		b.Run(fmt.Sprintf("%dk/warm", n/1000), func(b *testing.B) {
			v := model.Load(model.NewClock("bench", model.Stamp{}, nil), ents)
			v.List(model.Filter{Query: "warm up"})
			i := 0
			for b.Loop() {
				v.List(model.Filter{Query: queries[i%len(queries)]})
				i++
			}
		})
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
