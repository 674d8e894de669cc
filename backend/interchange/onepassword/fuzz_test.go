package onepassword

import (
	"testing"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/csvfmt"
)

// FuzzParse: neither parser panics on any bytes, zip or not, and items stay
// bounded by the input's size.
func FuzzParse(f *testing.F) {
	f.Add(pux(f))
	f.Add(fixture(f, "sample.1pux"))
	f.Add(fixture(f, "1password.csv"))
	f.Add(makeZip(f, [2]string{"export.data", `{"accounts":[{"vaults":[{"items":[{"categoryUuid":"002","details":{"sections":[{"fields":[{"value":{"monthYear":"x"}}]}]}}]}]}]}`}))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range Formats {
			format.Sniff("x.1pux", data)
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

// FuzzExportData fuzzes the JSON inside the zip, which random zips rarely
// reach.
func FuzzExportData(f *testing.F) {
	f.Add(fixture(f, "export.data"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := PUX.Parse(makeZip(t, [2]string{"export.data", string(data)}), interchange.Options{})
		if err == nil && len(res.Items) > len(data) {
			t.Fatalf("%d items from %d bytes", len(res.Items), len(data))
		}
		if err := csvfmt.Valid(res); err != nil {
			t.Fatal(err)
		}
	})
}
