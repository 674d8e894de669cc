package csvfmt

import (
	"os"
	"path/filepath"
	"testing"

	"vaultbar/backend/interchange"
)

// FuzzParsers feeds every CSV parser the same bytes: none may panic, and
// what they return stays bounded by the input.
func FuzzParsers(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.csv")
	for _, p := range paths {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range []interchange.Format{Chrome, Firefox, Safari, KeePassXC, Generic} {
			format.Sniff("x.csv", data)
			res, err := format.Parse(data, interchange.Options{})
			if err == nil && len(res.Items) > len(data) {
				t.Fatalf("%s: %d items from %d bytes", format.ID, len(res.Items), len(data))
			}
			if err := Valid(res); err != nil {
				t.Fatalf("%s: %v", format.ID, err)
			}
		}
	})
}
