package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"vaultbar/backend/interchange"
)

// CSVFormat reads back Vaultbar's own CSV export, for formats.All.
var CSVFormat = interchange.Format{
	ID: "vaultbar-csv", Name: "Vaultbar CSV",
	Sniff: func(_ string, head []byte) bool {
		return bytes.HasPrefix(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), []byte(strings.Join(CSVColumns, ",")))
	},
	Parse: ParseCSV,
}

// ParseCSV reads a file written by CSV: the header must be CSVColumns.
func ParseCSV(data []byte, _ interchange.Options) (interchange.Result, error) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = len(CSVColumns)
	head, err := r.Read()
	if err != nil || strings.Join(head, ",") != strings.Join(CSVColumns, ",") {
		return interchange.Result{}, fmt.Errorf("the first line is not %s: %w", strings.Join(CSVColumns, ","), interchange.ErrColumns)
	}
	res := interchange.Result{Format: "Vaultbar CSV"}
	for line := 2; ; line++ {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			return res, nil
		}
		if err != nil {
			return interchange.Result{}, fmt.Errorf("line %d: %v: %w", line, err, interchange.ErrDamaged)
		}
		it, err := csvItem(row)
		if err != nil {
			return interchange.Result{}, fmt.Errorf("line %d: %w", line, err)
		}
		res.Items = append(res.Items, it)
	}
}

func csvItem(row []string) (interchange.Item, error) {
	it := interchange.Item{TypeName: row[0], Title: row[1], Notes: row[7], Favorite: row[8] == "1"}
	if groups := splitGroups(row[2]); len(groups) > 0 {
		it.Group, it.Tags = groups[0], groups[1:]
	}
	for i, key := range []string{"username", "password", "url", "otp"} {
		if v := row[3+i]; v != "" {
			it.Fields = append(it.Fields, stdField(key, v))
		}
	}
	if row[9] == "" {
		return it, nil
	}
	var rest []extra
	if err := json.Unmarshal([]byte(row[9]), &rest); err != nil {
		return it, fmt.Errorf("the fields column is not a JSON list of fields: %w", interchange.ErrDamaged)
	}
	for _, e := range rest {
		it.Fields = append(it.Fields, interchange.Field{Label: e.Label, Kind: e.Kind, Value: e.Value})
	}
	return it, nil
}

func splitGroups(s string) []string {
	var out []string
	for _, g := range strings.Split(s, "; ") {
		if g = strings.TrimSpace(g); g != "" {
			out = append(out, g)
		}
	}
	return out
}

func stdField(key, v string) interchange.Field {
	labels := map[string]string{"username": "Username", "password": "Password", "url": "Website", "otp": "One-Time Password"}
	return interchange.Field{Key: key, Label: labels[key], Value: v}
}
