package msecure

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/csvfmt"
	"vaultbar/backend/model"
)

// magic6 is the first line of every mSecure 6 export.
const magic6 = "mSecure6 CSV export file"

// V6 reads mSecure 6's CSV export.
var V6 = interchange.Format{
	ID:    "msecure6-csv",
	Name:  "mSecure 6 (CSV)",
	Sniff: func(name string, head []byte) bool { return isV6(head) },
	Parse: parseV6,
}

// V5 reads the CSV export of mSecure 4 and 5, which has no header: the
// file is recognised by its first row naming an mSecure type.
var V5 = interchange.Format{
	ID:    "msecure5-csv",
	Name:  "mSecure 4/5 (CSV)",
	Sniff: sniffV5,
	Parse: parseV5,
}

func isV6(head []byte) bool {
	row := csvfmt.FirstLine(head)
	return len(row) > 0 && strings.TrimSpace(row[0]) == magic6
}

func sniffV5(name string, head []byte) bool {
	row := firstCells(head)
	if len(row) > 0 && strings.TrimSpace(row[0]) == magic5 {
		return true
	}
	// A header line of the usual names is some other CSV: mSecure 4/5
	// writes no header.
	if len(row) < 4 || isV6(head) || len(csvfmt.GuessColumns(row)) >= 2 {
		return false
	}
	return knownTypeNear(head)
}

// knownTypeNear reports whether one of the first lines names an mSecure
// type in its second cell; the first record may be of a type the user
// made, so a few are looked at.
func knownTypeNear(head []byte) bool {
	lines := bytes.SplitN(head, []byte("\n"), 6)
	for _, line := range lines[:min(len(lines), 5)] {
		cells := strings.SplitN(string(line), ",", 3)
		if len(cells) < 2 {
			continue
		}
		if _, known := templates5[norm(strings.Trim(cells[1], `"`))]; known {
			return true
		}
	}
	return false
}

// firstCells splits the first line as CSV, or on bare commas when mSecure
// for Windows' \" quoting keeps it from reading as CSV (the group and type
// cells come first and hold no quotes).
func firstCells(head []byte) []string {
	if row := csvfmt.FirstLine(head); row != nil {
		return row
	}
	line, _, _ := bytes.Cut(head, []byte("\n"))
	return strings.Split(string(line), ",")
}

// kindOfLabel guesses how to show a custom field from its label, where the
// source says nothing else: masked when it looks secret.
func kindOfLabel(label string) model.FieldKind {
	l := norm(label)
	switch {
	case strings.Contains(l, "phone"):
		return model.KindPhone
	case strings.Contains(l, "password") || strings.Contains(l, "pin") || strings.Contains(l, "code") ||
		strings.Contains(l, "number") || strings.Contains(l, "no."):
		return model.KindSecret
	case strings.Contains(l, "url") || strings.Contains(l, "website"):
		return model.KindURL
	case strings.Contains(l, "email"):
		return model.KindEmail
	case strings.Contains(l, "date") || strings.Contains(l, "expiration"):
		return model.KindDate
	}
	return model.KindText
}

// codes are mSecure 6's field type codes. 0, 2, 4, 7, 8, 9, 11 and 12 are
// seen in published exports (text, URL, phone, username, password, secure
// text, month/year, card number); 1, 3, 5 and 10 are inferred from the
// editor's order. Any other code falls back to guessing from the label,
// masking when in doubt.
var codes = map[int]model.FieldKind{
	0: model.KindText, 1: model.KindNumber, 2: model.KindURL, 3: model.KindEmail, 4: model.KindPhone,
	5: model.KindDate, 7: model.KindText, 8: model.KindSecret, 9: model.KindSecret, 10: model.KindNote,
	11: model.KindDate, 12: model.KindSecret,
}

func kindOfCode(code, label string) model.FieldKind {
	n, err := strconv.Atoi(strings.TrimSpace(code))
	if k, ok := codes[n]; err == nil && ok {
		return k
	}
	return kindOfLabel(label)
}

func newItem(title, template, notes string) interchange.Item {
	typ, typeName := typeOf(template)
	return interchange.Item{Type: typ, TypeName: typeName, Title: strings.TrimSpace(title), Notes: notes}
}

func addField(it *interchange.Item, label string, kind model.FieldKind, value string) {
	csvfmt.Add(it, keyOf(it.Type, label), label, kind, value)
}

func untitled(it *interchange.Item, n int) {
	if it.Title == "" {
		it.Title = fmt.Sprintf("Untitled %d", n)
	}
}

func trimMagic(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return data[i+1:]
	}
	return nil
}

// pad gives a row at least n cells, so optional leading columns read as "".
func pad(row []string, n int) []string {
	for len(row) < n {
		row = append(row, "")
	}
	return row
}

// Formats are this family's importable formats, for formats.All. mSecure 6
// first: its first line is a signature, while 4/5 is recognised by a guess.
var Formats = []interchange.Format{V6, V5}
