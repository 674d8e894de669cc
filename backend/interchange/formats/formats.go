// Package formats lists every format Vaultbar can import, in one place:
// the CLI's --format values, the app's format menu and detection all read
// this list. A format family adds its Formats here.
package formats

import (
	"fmt"
	"sort"
	"strings"

	"vaultbar/backend/interchange/bitwarden"
	"vaultbar/backend/interchange/csvfmt"
	"vaultbar/backend/interchange/enpass"
	"vaultbar/backend/interchange/msecure"
	"vaultbar/backend/interchange/onepassword"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/keepass"
	"vaultbar/backend/interchange/native"
)

// All returns the importable formats. Detection tries them in this order,
// so a format whose Sniff is specific (a signature, a header line) comes
// before one that guesses (generic CSV last).
func All() []interchange.Format {
	out := []interchange.Format{native.Format}
	out = append(out, keepass.Formats...)
	// Signatures and JSON shapes, then CSVs with their exact header lines,
	// then the guesses: mSecure 4/5 (no header) and the generic CSV.
	out = append(out, onepassword.PUX, bitwarden.JSON, enpass.JSON, msecure.V6)
	out = append(out, csvfmt.Vaultbar, onepassword.CSV, bitwarden.CSV, csvfmt.Chrome, csvfmt.Firefox, csvfmt.Safari, csvfmt.KeePassXC)
	out = append(out, msecure.V5, csvfmt.Generic)
	return out
}

// Lookup returns the format with the CLI id.
func Lookup(id string) (interchange.Format, error) {
	for _, f := range All() {
		if f.ID == id {
			return f, nil
		}
	}
	return interchange.Format{}, fmt.Errorf("%q is not one of %s: %w", id, strings.Join(IDs(), ", "), interchange.ErrUnknownFormat)
}

// Detect finds the format of a file from its name and first bytes.
func Detect(name string, head []byte) (interchange.Format, error) {
	for _, f := range All() {
		if f.Sniff(name, head) {
			return f, nil
		}
	}
	return interchange.Format{}, fmt.Errorf("could not tell the format of %s: %w", name, interchange.ErrUnknownFormat)
}

// IDs lists the formats' ids, sorted.
func IDs() []string {
	var ids []string
	for _, f := range All() {
		ids = append(ids, f.ID)
	}
	sort.Strings(ids)
	return ids
}
