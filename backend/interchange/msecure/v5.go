package msecure

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/csvfmt"
)

// magic5 is the first line mSecure's Mac app writes before the rows; the
// Windows app writes none.
const magic5 = "mSecure CSV export file"

func parseV5(data []byte, _ interchange.Options) (interchange.Result, error) {
	rows, err := readV5(data)
	if err != nil {
		return interchange.Result{}, err
	}
	if len(rows) > 0 && len(rows[0]) > 0 && rows[0][0] == magic6 {
		return interchange.Result{}, fmt.Errorf("this is an mSecure 6 export, not 4/5: %w", interchange.ErrColumns)
	}
	res := interchange.Result{Format: "mSecure 4/5 CSV"}
	for i, row := range rows {
		if blank(row) || (i == 0 && strings.TrimSpace(row[0]) == magic5) {
			continue
		}
		if len(row) < 3 {
			return interchange.Result{}, fmt.Errorf("line %d: an mSecure 4/5 row has Group, Type, Description and Notes first: %w", i+1, interchange.ErrColumns)
		}
		res.Items = append(res.Items, rowV5(row, i+1))
	}
	return res, nil
}

// readV5 reads the rows, mending two habits of mSecure's Windows app:
// Latin-1 text instead of UTF-8, and quotes escaped as \" instead of "".
// The second is tried only when the file doesn't read as it is.
func readV5(data []byte) ([][]string, error) {
	if !utf8.Valid(data) {
		data = latin1(data)
	}
	rows, err := csvfmt.Read(data, false)
	if errors.Is(err, interchange.ErrDamaged) && bytes.Contains(data, []byte(`\"`)) {
		if mended, err2 := csvfmt.Read(bytes.ReplaceAll(data, []byte(`\"`), []byte(`""`)), false); err2 == nil {
			return mended, nil
		}
	}
	return rows, err
}

func latin1(b []byte) []byte {
	out := make([]rune, len(b))
	for i, c := range b {
		out[i] = rune(c)
	}
	return []byte(string(out))
}

// rowV5 reads Group, Type, Description, Notes and then the type's fields
// by position; values past the template, or of a type mSecure doesn't
// ship, become "Field N".
func rowV5(row []string, n int) interchange.Item {
	row = pad(row, 4)
	it := newItem(row[2], row[1], notesV5(row[3]))
	if g := row[0]; g != "Unassigned" {
		it.Group = g
	}
	tmpl := templates5[norm(row[1])]
	for i, v := range row[4:] {
		label := fmt.Sprintf("Field %d", i+1)
		if i < len(tmpl) {
			label = tmpl[i]
		}
		addField(&it, label, kindOfLabel(label), v)
	}
	untitled(&it, n)
	return it
}

// notesV5: the Mac app writes a note's line breaks as vertical tabs, the
// Windows app as a literal \n.
func notesV5(s string) string {
	return strings.ReplaceAll(unescape(s), "\v", "\n")
}
