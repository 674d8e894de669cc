package onepassword

import (
	"testing"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/csvfmt"
	"vaultbar/backend/interchange/interchangetest"
)

// FuzzParse: neither parser panics on any bytes, zip or not, and items stay
// bounded by the input's size.
func FuzzParse(f *testing.F) {
	f.Add(pux(f))
	f.Add(interchangetest.Fixture(f, "sample.1pux"))
	f.Add(interchangetest.Fixture(f, "1password.csv"))
	f.Add(makeZip(f, [2]string{"export.data", `{"accounts":[{"vaults":[{"items":[{"categoryUuid":"002","details":{"sections":[{"fields":[{"value":{"monthYear":"x"}}]}]}}]}]}]}`}))
	f.Fuzz(func(t *testing.T, data []byte) {
		interchangetest.ParseBounded(t, data, "x.1pux", interchange.Options{}, csvfmt.Valid, Formats...)
	})
}

// FuzzExportData fuzzes the JSON inside the zip, which random zips rarely
// reach.
func FuzzExportData(f *testing.F) {
	f.Add(interchangetest.Fixture(f, "export.data"))
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
