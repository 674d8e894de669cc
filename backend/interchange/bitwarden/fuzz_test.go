package bitwarden

import (
	"os"
	"testing"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/csvfmt"
)

// FuzzParse: no input panics either parser, including forged protected
// headers (their KDF parameters are bounded before any derivation runs),
// and items stay bounded by the input.
func FuzzParse(f *testing.F) {
	for _, n := range []string{"testdata/bitwarden.json", "testdata/bitwarden.csv", "testdata/bitwarden-protected.json"} {
		b, _ := os.ReadFile(n)
		f.Add(b)
	}
	f.Add([]byte(`{"encrypted":true,"passwordProtected":true,"salt":"s","kdfType":0,"kdfIterations":5000,"encKeyValidation_DO_NOT_EDIT":"2.AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","data":"2.a|b|c"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range Formats {
			format.Sniff("x", data)
			res, err := format.Parse(data, interchange.Options{Password: []byte("pw")})
			if err == nil && len(res.Items) > len(data) {
				t.Fatalf("%s: %d items from %d bytes", format.ID, len(res.Items), len(data))
			}
			if err := csvfmt.Valid(res); err != nil {
				t.Fatalf("%s: %v", format.ID, err)
			}
		}
	})
}
