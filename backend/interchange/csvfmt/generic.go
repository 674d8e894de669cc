package csvfmt

import (
	"fmt"
	"sort"

	"vaultbar/backend/interchange"
)

// Generic reads any CSV with a header row, separated by commas,
// semicolons or tabs (whichever the header has most of). Options.Columns says which
// header fills which field (the import sheet's column-mapping step); with
// none, GuessColumns maps the usual names. Columns mapped to nothing are
// kept as custom fields.
var Generic = interchange.Format{
	ID:   "generic-csv",
	Name: "CSV (choose the columns)",
	// It claims only .csv files whose header it can map, so the named
	// formats, tried first, win.
	Sniff: func(name string, head []byte) bool {
		g := GuessColumns(firstLine(head, Separator(head)))
		return csvName(name) && hasTarget(g, ColPassword) && (hasTarget(g, ColTitle) || hasTarget(g, ColURL))
	},
	Parse: parseGeneric,
}

// guesses are the header names other apps use, by target.
var guesses = map[string]string{
	"title": ColTitle, "name": ColTitle, "account": ColTitle, "description": ColTitle, "entry": ColTitle, "item": ColTitle,
	"username": ColUsername, "user": ColUsername, "login": ColUsername, "user name": ColUsername, "email": ColUsername, "login name": ColUsername,
	"password": ColPassword, "pass": ColPassword, "pwd": ColPassword,
	"url": ColURL, "website": ColURL, "web site": ColURL, "site": ColURL, "uri": ColURL, "login_uri": ColURL, "address": ColURL,
	"notes": ColNotes, "note": ColNotes, "comments": ColNotes, "comment": ColNotes, "extra": ColNotes,
	"otp": ColOTP, "totp": ColOTP, "otpauth": ColOTP, "one-time password": ColOTP, "2fa": ColOTP,
	"group": ColGroup, "folder": ColGroup, "category": ColGroup, "grouping": ColGroup,
	"tags": ColTags, "favorite": ColFavorite, "favourite": ColFavorite,
}

// GuessColumns proposes a target per header (header → key), each target
// given to the first column that fits it; the rest stay custom fields.
func GuessColumns(header []string) map[string]string {
	out := map[string]string{}
	taken := map[string]bool{}
	for _, h := range header {
		t := guesses[norm(h)]
		if t != "" && !taken[t] {
			out[h] = t
			taken[t] = true
		}
	}
	return out
}

func hasTarget(m map[string]string, target string) bool {
	for _, t := range m {
		if t == target {
			return true
		}
	}
	return false
}

// validTargets are the keys Options.Columns may use.
var validTargets = map[string]bool{
	ColTitle: true, ColUsername: true, ColPassword: true, ColURL: true, ColNotes: true, ColOTP: true,
	ColGroup: true, ColTags: true, ColFavorite: true, ColIgnore: true, ColCustom: true,
}

func parseGeneric(data []byte, opt interchange.Options) (interchange.Result, error) {
	t, err := readTable(data, nil, Separator(data))
	if err != nil {
		return interchange.Result{}, err
	}
	cols := opt.Columns
	if cols == nil {
		cols = GuessColumns(t.Header)
	}
	if err := t.mapColumns(cols); err != nil {
		return interchange.Result{}, err
	}
	return interchange.Result{Format: "CSV", Items: t.Items(), Columns: t.columns()}, nil
}

// mapColumns sets the targets from a header → key map (headers matched
// ignoring case), refusing keys it doesn't know and headers this file
// hasn't (a ColumnError), and a mapping that names no column of it.
func (t *Table) mapColumns(cols map[string]string) error {
	have := map[string]bool{}
	for _, h := range t.Header {
		have[norm(h)] = true
	}
	byNorm := map[string]string{}
	for _, h := range sortedKeys(cols) {
		key := cols[h]
		if !validTargets[key] {
			return &interchange.ColumnError{Header: h, Key: key, Headers: t.Header, UnknownKey: true}
		}
		if !have[norm(h)] {
			return &interchange.ColumnError{Header: h, Key: key, Headers: t.Header}
		}
		byNorm[norm(h)] = key
	}
	for i, h := range t.Header {
		t.Targets[i] = byNorm[norm(h)]
	}
	if len(byNorm) == 0 {
		return fmt.Errorf("none of the file's columns (%v) could be guessed: %w", t.Header, interchange.ErrColumns)
	}
	return nil
}

// columns is the mapping in effect, in the file's order, for the preview.
func (t *Table) columns() []interchange.Column {
	out := make([]interchange.Column, len(t.Header))
	for i, h := range t.Header {
		out[i] = interchange.Column{Header: h, Key: t.Targets[i]}
	}
	return out
}

// sortedKeys makes the first misfit reported the same on every run.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
