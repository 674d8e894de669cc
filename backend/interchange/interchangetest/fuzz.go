package interchangetest

import (
	"os"
	"testing"

	"vaultbar/backend/interchange"
)

// Seed adds each file to the fuzz corpus; a missing one adds nothing.
func Seed(f *testing.F, paths ...string) {
	for _, p := range paths {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
}

// ParseBounded is the body of a parser fuzz target: each format sniffs and
// parses data without panicking, returns no more items than data has bytes,
// and what it returns passes valid (csvfmt.Valid, passed in because csvfmt's
// own tests use this package too).
func ParseBounded(t *testing.T, data []byte, name string, opt interchange.Options, valid func(interchange.Result) error, formats ...interchange.Format) {
	t.Helper()
	for _, format := range formats {
		format.Sniff(name, data)
		res, err := format.Parse(data, opt)
		if err == nil && len(res.Items) > len(data) {
			t.Fatalf("%s: %d items from %d bytes", format.ID, len(res.Items), len(data))
		}
		if err := valid(res); err != nil {
			t.Fatalf("%s: %v", format.ID, err)
		}
	}
}
