package msecure

import (
	"testing"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/csvfmt"
	"vaultbar/backend/interchange/interchangetest"
)

// FuzzParse: neither layout panics, and the items stay bounded by the input.
func FuzzParse(f *testing.F) {
	interchangetest.Seed(f, "testdata/msecure5.csv", "testdata/msecure5-windows.csv", "testdata/msecure6.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		interchangetest.ParseBounded(t, data, "x.csv", interchange.Options{}, csvfmt.Valid, V5, V6)
	})
}
