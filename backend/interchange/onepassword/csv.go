package onepassword

import (
	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/csvfmt"
)

var csvCols = []string{"Title", "Url", "Username", "Password", "OTPAuth", "Favorite", "Archived", "Tags", "Notes"}

// CSV reads 1Password 8's CSV export (logins only: that is all it writes).
var CSV = interchange.Format{
	ID:   "1password-csv",
	Name: "1Password (CSV)",
	Sniff: func(name string, head []byte) bool {
		return csvfmt.SameColumns(csvfmt.FirstLine(head), csvCols...)
	},
	Parse: parseCSV,
}

var csvTargets = map[string]string{
	"title": csvfmt.ColTitle, "url": csvfmt.ColURL, "username": csvfmt.ColUsername, "password": csvfmt.ColPassword,
	"otpauth": csvfmt.ColOTP, "favorite": csvfmt.ColFavorite, "archived": csvfmt.ColArchived,
	"tags": csvfmt.ColTags, "notes": csvfmt.ColNotes,
}

func parseCSV(data []byte, _ interchange.Options) (interchange.Result, error) {
	t, err := csvfmt.ReadTable(data, csvTargets)
	if err != nil {
		return interchange.Result{}, err
	}
	if err := csvfmt.Require(t.Header, "1Password CSV", csvCols[:4]...); err != nil {
		return interchange.Result{}, err
	}
	return interchange.Result{Format: "1Password CSV", Items: t.Items()}, nil
}
