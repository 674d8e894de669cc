package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"

	"vaultbar/backend/interchange"
	"vaultbar/backend/model"
)

// CSVColumns is Vaultbar's CSV export, one record a row. "groups" joins a
// record's groups with "; "; "fields" is a JSON array of the fields that
// have no column of their own: [{"label":..,"kind":..,"value":..}].
var CSVColumns = []string{"type", "name", "groups", "username", "password", "url", "otp", "notes", "favorite", "fields"}

type extra struct {
	Label string          `json:"label"`
	Kind  model.FieldKind `json:"kind"`
	Value string          `json:"value"`
}

// CSV renders items as CSV with CSVColumns.
func CSV(items []interchange.Item) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(CSVColumns)
	for _, it := range items {
		w.Write(csvRow(it))
	}
	w.Flush()
	return b.Bytes()
}

func csvRow(it interchange.Item) []string {
	std := map[string]string{}
	var rest []extra
	for _, f := range it.Fields {
		if col := f.Key; (col == "username" || col == "password" || col == "url" || col == "otp") && std[col] == "" {
			std[col] = f.Value
			continue
		}
		rest = append(rest, extra{f.Label, f.Kind, f.Value})
	}
	fields := ""
	if len(rest) > 0 {
		j, _ := json.Marshal(rest)
		fields = string(j)
	}
	groups := append([]string{it.Group}, it.Tags...)
	if it.Group == "" {
		groups = it.Tags
	}
	fav := ""
	if it.Favorite {
		fav = "1"
	}
	return []string{typeName(it), it.Title, strings.Join(groups, "; "), std["username"], std["password"], std["url"], std["otp"], it.Notes, fav, fields}
}

func typeName(it interchange.Item) string {
	if it.TypeName != "" {
		return it.TypeName
	}
	return it.Type
}
