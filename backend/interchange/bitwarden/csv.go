package bitwarden

import (
	"strings"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/csvfmt"
	"vaultbar/backend/model"
)

var csvCols = []string{"favorite", "type", "name", "notes", "fields", "reprompt",
	"login_uri", "login_username", "login_password", "login_totp"}

// CSV reads Bitwarden's .csv export (logins and secure notes only: that
// is all Bitwarden writes to CSV). Personal exports have a "folder"
// column, organisation exports "collections".
var CSV = interchange.Format{
	ID:   "bitwarden-csv",
	Name: "Bitwarden (CSV)",
	Sniff: func(name string, head []byte) bool {
		h := csvfmt.FirstLine(head)
		return csvfmt.HeaderHas(h, csvCols...) && (csvfmt.HeaderHas(h, "folder") || csvfmt.HeaderHas(h, "collections"))
	},
	Parse: parseCSV,
}

func parseCSV(data []byte, _ interchange.Options) (interchange.Result, error) {
	t, err := csvfmt.ReadTable(data, nil)
	if err != nil {
		return interchange.Result{}, err
	}
	if err := csvfmt.Require(t.Header, "Bitwarden CSV", csvCols...); err != nil {
		return interchange.Result{}, err
	}
	res := interchange.Result{Format: "Bitwarden CSV"}
	reprompts := 0
	for _, row := range t.Rows {
		r := rowMap(t.Header, row)
		res.Items = append(res.Items, csvItem(r))
		if csvfmt.Bool(r["reprompt"]) {
			reprompts++
		}
	}
	res.Warnings = warnings(0, reprompts)
	return res, nil
}

func rowMap(header, row []string) map[string]string {
	m := make(map[string]string, len(header))
	for i, h := range header {
		m[strings.ToLower(strings.TrimSpace(h))] = row[i]
	}
	return m
}

func csvItem(r map[string]string) interchange.Item {
	it := interchange.Item{Type: "login", Title: r["name"], Notes: r["notes"], Favorite: csvfmt.Bool(r["favorite"])}
	it.Group = folderName(r["folder"])
	if it.Group == "" {
		it.Group = folderName(strings.Split(r["collections"], ",")[0])
	}
	if r["type"] == "note" {
		it.Type = "secure-note"
	}
	csvfmt.Add(&it, "username", "Username", model.KindText, r["login_username"])
	csvfmt.Add(&it, "password", "Password", model.KindSecret, r["login_password"])
	for _, u := range strings.Split(r["login_uri"], ",") {
		csvfmt.Add(&it, "url", "Website", model.KindURL, strings.TrimSpace(u))
	}
	csvfmt.Add(&it, "otp", "One-Time Password", model.KindOTP, r["login_totp"])
	csvFields(&it, r["fields"])
	return it
}

// csvFields reads the "fields" cell: one "name: value" per line. Bitwarden
// writes no field types to CSV, so every one is text.
func csvFields(it *interchange.Item, cell string) {
	for _, line := range strings.Split(strings.ReplaceAll(cell, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		name, value, ok := strings.Cut(line, ": ")
		if !ok {
			name, value = "Field", line
		}
		csvfmt.Add(it, "", name, model.KindText, value)
	}
}
