package csvfmt

import (
	"strings"

	"vaultbar/backend/interchange"
)

// SameColumns reports whether a header has exactly these columns, in any
// order, ignoring case: how Sniff tells apart formats whose columns
// overlap (Safari's and 1Password's share five).
func SameColumns(header []string, cols ...string) bool {
	return len(header) == len(cols) && HeaderHas(header, cols...)
}

func csvName(name string) bool { return strings.HasSuffix(strings.ToLower(name), ".csv") }

var chromeCols = []string{"name", "url", "username", "password"}

// Chrome reads the "Export passwords" file of Chrome, Edge, Brave and other
// Chromium browsers: name,url,username,password[,note].
var Chrome = interchange.Format{
	ID:   "chrome-csv",
	Name: "Chrome / Edge passwords (CSV)",
	Sniff: func(name string, head []byte) bool {
		h := FirstLine(head)
		return SameColumns(h, chromeCols...) || SameColumns(h, append(chromeCols, "note")...)
	},
	Parse: func(data []byte, _ interchange.Options) (interchange.Result, error) {
		return parseTable(data, "Chrome / Edge CSV", chromeCols, map[string]string{
			"name": ColTitle, "url": ColURL, "username": ColUsername, "password": ColPassword, "note": ColNotes,
		})
	},
}

var safariCols = []string{"Title", "URL", "Username", "Password", "Notes", "OTPAuth"}

// Safari reads the export of Safari and the Passwords app (macOS 15+):
// Title,URL,Username,Password,Notes,OTPAuth.
var Safari = interchange.Format{
	ID:   "safari-csv",
	Name: "Safari / Apple Passwords (CSV)",
	Sniff: func(name string, head []byte) bool {
		return SameColumns(FirstLine(head), safariCols...)
	},
	Parse: func(data []byte, _ interchange.Options) (interchange.Result, error) {
		return parseTable(data, "Safari / Apple Passwords CSV", safariCols[:4], map[string]string{
			"title": ColTitle, "url": ColURL, "username": ColUsername, "password": ColPassword,
			"notes": ColNotes, "otpauth": ColOTP,
		})
	},
}

func parseTable(data []byte, format string, required []string, targets map[string]string) (interchange.Result, error) {
	t, err := ReadTable(data, targets)
	if err != nil {
		return interchange.Result{}, err
	}
	if err := Require(t.Header, format, required...); err != nil {
		return interchange.Result{}, err
	}
	return interchange.Result{Format: format, Items: t.Items()}, nil
}

// Formats are the CSV formats of this package, for formats.All; Generic
// comes last because its Sniff guesses.
var Formats = []interchange.Format{Vaultbar, Chrome, Firefox, Safari, KeePassXC, Generic}
