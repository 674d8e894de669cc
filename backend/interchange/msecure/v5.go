package msecure

import (
	"fmt"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/csvfmt"
)

func parseV5(data []byte, _ interchange.Options) (interchange.Result, error) {
	rows, err := csvfmt.Read(data, false)
	if err != nil {
		return interchange.Result{}, err
	}
	if len(rows) > 0 && len(rows[0]) > 0 && rows[0][0] == magic6 {
		return interchange.Result{}, fmt.Errorf("this is an mSecure 6 export, not 4/5: %w", interchange.ErrColumns)
	}
	res := interchange.Result{Format: "mSecure 4/5 CSV"}
	for i, row := range rows {
		if blank(row) {
			continue
		}
		if len(row) < 3 {
			return interchange.Result{}, fmt.Errorf("line %d: an mSecure 4/5 row has Group, Type, Description and Notes first: %w", i+1, interchange.ErrColumns)
		}
		res.Items = append(res.Items, rowV5(row, i+1))
	}
	return res, nil
}

// rowV5 reads Group, Type, Description, Notes and then the type's fields
// by position; values past the template, or of a type mSecure doesn't
// ship, become "Field N".
func rowV5(row []string, n int) interchange.Item {
	row = pad(row, 4)
	it := newItem(row[2], row[1], row[3])
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
