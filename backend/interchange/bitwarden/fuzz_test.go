package bitwarden

import (
	"testing"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/csvfmt"
	"vaultbar/backend/interchange/interchangetest"
)

// FuzzParse: no input panics either parser, including forged protected
// headers (their KDF parameters are bounded before any derivation runs),
// and items stay bounded by the input.
func FuzzParse(f *testing.F) {
	interchangetest.Seed(f, "testdata/bitwarden.json", "testdata/bitwarden.csv", "testdata/bitwarden-protected.json")
	f.Add([]byte(`{"encrypted":true,"passwordProtected":true,"salt":"s","kdfType":0,"kdfIterations":5000,"encKeyValidation_DO_NOT_EDIT":"2.AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","data":"2.a|b|c"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		interchangetest.ParseBounded(t, data, "x", interchange.Options{Password: []byte("pw")}, csvfmt.Valid, Formats...)
	})
}
