package msecure

import (
	"os"
	"testing"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/csvfmt"
)

// FuzzParse: neither layout panics, and the items stay bounded by the input.
func FuzzParse(f *testing.F) {
	for _, n := range []string{"testdata/msecure5.csv", "testdata/msecure5-windows.csv", "testdata/msecure6.csv"} {
		b, _ := os.ReadFile(n)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range []interchange.Format{V5, V6} {
			format.Sniff("x.csv", data)
			res, err := format.Parse(data, interchange.Options{})
			if err == nil && len(res.Items) > len(data) {
				t.Fatalf("%s: %d items from %d bytes", format.ID, len(res.Items), len(data))
			}
			if err := csvfmt.Valid(res); err != nil {
				t.Fatalf("%s: %v", format.ID, err)
			}
		}
	})
}
