package csvfmt

import (
	"encoding/json"
	"strings"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/render"
	"vaultbar/backend/model"
)

// Vaultbar reads Vaultbar's own CSV export (render.CSVColumns), so that a
// vault exported as CSV imports back with its types, groups, favourites
// and every field.
var Vaultbar = interchange.Format{
	ID:   "vaultbar-csv",
	Name: "Vaultbar (CSV)",
	Sniff: func(name string, head []byte) bool {
		return SameColumns(FirstLine(head), render.CSVColumns...)
	},
	Parse: parseVaultbar,
}

func parseVaultbar(data []byte, _ interchange.Options) (interchange.Result, error) {
	t, err := ReadTable(data, nil)
	if err != nil {
		return interchange.Result{}, err
	}
	if err := Require(t.Header, "Vaultbar CSV", render.CSVColumns...); err != nil {
		return interchange.Result{}, err
	}
	res := interchange.Result{Format: "Vaultbar CSV"}
	for _, row := range t.Rows {
		it, warn := vaultbarItem(rowMap(t.Header, row))
		res.Items = append(res.Items, it)
		if warn != "" {
			res.Warnings = append(res.Warnings, warn)
		}
	}
	return res, nil
}

func rowMap(header, row []string) map[string]string {
	m := make(map[string]string, len(header))
	for i, h := range header {
		m[norm(h)] = row[i]
	}
	return m
}

func vaultbarItem(r map[string]string) (interchange.Item, string) {
	it := interchange.Item{Title: r["name"], Notes: r["notes"], Favorite: Bool(r["favorite"])}
	it.Type, it.TypeName = TypeOf(r["type"])
	it.Group, it.Tags = splitGroups(r["groups"])
	for _, col := range []string{ColUsername, ColPassword, ColURL, ColOTP} {
		f := loginFields[col]
		Add(&it, col, f.label, f.kind, r[col])
	}
	return it, extraFields(&it, r["fields"])
}

// TypeOf reads a record type written by Vaultbar's exports: a built-in
// type's id, or the name of any other type ("" is a login).
func TypeOf(v string) (typ, typeName string) {
	v = strings.TrimSpace(v)
	switch {
	case v == "":
		return "login", ""
	case model.IsBuiltin(v):
		return v, ""
	}
	return "", v
}

// splitGroups: the first group is the record's group, the others tags
// (which the import makes groups again).
func splitGroups(cell string) (string, []string) {
	var gs []string
	for _, g := range strings.Split(cell, "; ") {
		if g = strings.TrimSpace(g); g != "" {
			gs = append(gs, g)
		}
	}
	if len(gs) == 0 {
		return "", nil
	}
	if len(gs) == 1 {
		return gs[0], nil
	}
	return gs[0], gs[1:]
}

// extraFields reads the "fields" cell's JSON array. A cell that isn't one
// is kept whole as a note field, with a warning, rather than dropped.
func extraFields(it *interchange.Item, cell string) string {
	if strings.TrimSpace(cell) == "" {
		return ""
	}
	var fs []struct {
		Label string          `json:"label"`
		Kind  model.FieldKind `json:"kind"`
		Value string          `json:"value"`
	}
	if err := json.Unmarshal([]byte(cell), &fs); err != nil {
		Add(it, "", "fields", model.KindNote, cell)
		return it.Title + ": its \"fields\" cell is not the JSON list Vaultbar writes, so it was kept whole as one field."
	}
	for _, f := range fs {
		if !f.Kind.Valid() {
			f.Kind = model.KindText
		}
		Add(it, "", f.Label, f.Kind, f.Value)
	}
	return ""
}
