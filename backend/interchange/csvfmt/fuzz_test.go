package csvfmt

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/interchangetest"
)

// FuzzParsers feeds every CSV parser the same bytes: none may panic, and
// what they return stays bounded by the input.
func FuzzParsers(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.csv")
	interchangetest.Seed(f, paths...)
	f.Fuzz(func(t *testing.T, data []byte) {
		interchangetest.ParseBounded(t, data, "x.csv", interchange.Options{}, Valid, Chrome, Firefox, Safari, KeePassXC, Generic)
	})
}

// FuzzGenericColumns gives the generic CSV a mapping made from the input
// (header → key pairs, the keys including ones that are not fields): it
// either refuses the mapping with ErrColumns or reports one column per
// header, each with a key it knows.
func FuzzGenericColumns(f *testing.F) {
	f.Add([]byte("Name,Site,Secret\nMail,https://m.example,pw\n"), "Site=url,Secret=password,Name=title")
	f.Add([]byte("a;b\n1;2\n"), "A=pin,b=-")
	f.Fuzz(func(t *testing.T, data []byte, spec string) {
		cols := map[string]string{}
		for _, pair := range strings.Split(spec, ",") {
			h, k, _ := strings.Cut(pair, "=")
			cols[h] = k
		}
		res, err := Generic.Parse(data, interchange.Options{Columns: cols})
		if err != nil {
			if !errors.Is(err, interchange.ErrColumns) && !errors.Is(err, interchange.ErrDamaged) && !errors.Is(err, interchange.ErrTooLarge) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		for _, c := range res.Columns {
			if !validTargets[c.Key] {
				t.Fatalf("column %q reported as %q", c.Header, c.Key)
			}
		}
		if err := Valid(res); err != nil {
			t.Fatal(err)
		}
	})
}
