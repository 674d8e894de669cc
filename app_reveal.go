package main

import (
	"fmt"
	"time"

	"vaultbar/backend/model"
)

// The page holds no secret it doesn't show: every binding that returns a
// record leaves out the values of concealed fields (secret, pin, otp),
// and Reveal and RevealVersion return one value at a time, when the user
// asks (the eye button, or editing that field). Copying a field happens in
// Go by record and field id (ClipboardAPI.CopyField), so copying never
// brings a secret into the page either.

// ShownField is a field as the page gets it.
type ShownField struct {
	ID     string          `json:"id"`
	Label  string          `json:"label"`
	Kind   model.FieldKind `json:"kind"`
	Value  string          `json:"value"`            // "" while Hidden
	Hidden bool            `json:"hidden,omitempty"` // a concealed value is set; Reveal returns it
}

// ShownRecord is model.Record with its concealed values left out.
type ShownRecord struct {
	ID       string       `json:"id"`
	Type     string       `json:"type"`
	TypeName string       `json:"typeName"`
	Name     string       `json:"name"`
	Notes    string       `json:"notes"`
	Favorite bool         `json:"favorite"`
	Groups   []string     `json:"groups"`
	Fields   []ShownField `json:"fields"`
	Created  time.Time    `json:"created"`
	Modified time.Time    `json:"modified"`
}

// shown masks r for the page.
func shown(r model.Record) ShownRecord {
	out := ShownRecord{
		ID: r.ID, Type: r.Type, TypeName: r.TypeName, Name: r.Name, Notes: r.Notes, Favorite: r.Favorite,
		Groups: r.Groups, Fields: make([]ShownField, len(r.Fields)),
		Created: r.Created, Modified: r.Modified,
	}
	for i, f := range r.Fields {
		out.Fields[i] = ShownField{ID: f.ID, Label: f.Label, Kind: f.Kind, Value: f.Value}
		if f.Kind.Concealed() && f.Value != "" {
			out.Fields[i].Value, out.Fields[i].Hidden = "", true
		}
	}
	return out
}

// shownOrExplain is orExplain for a record.
func shownOrExplain(r model.Record, err error) (ShownRecord, error) {
	if err != nil {
		return ShownRecord{}, explained(err)
	}
	return shown(r), nil
}

// shownHistory leaves out the earlier values of concealed fields.
func shownHistory(hs []model.HistoryEntry) []model.HistoryEntry {
	out := make([]model.HistoryEntry, len(hs))
	for i, h := range hs {
		out[i] = h
		if h.Concealed {
			out[i].Value = ""
		}
	}
	return out
}

// Reveal returns the value of one field of a record, for the eye button
// and for editing that field.
func (v *VaultAPI) Reveal(recordID, fieldID string) (string, error) {
	f, err := v.field(recordID, fieldID)
	if err != nil {
		return "", explained(err)
	}
	v.Touch()
	return f.Value, nil
}

// RevealVersion returns one earlier value of a record's field.
func (v *VaultAPI) RevealVersion(recordID, key string, at model.Stamp) (string, error) {
	hs, err := v.svc.History(recordID)
	if err != nil {
		return "", explained(err)
	}
	for _, h := range hs {
		if h.Key == key && h.Stamp == at {
			return h.Value, nil
		}
	}
	return "", explained(fmt.Errorf("that earlier value is no longer in the record's history: %w", model.ErrNotFound))
}

// field finds one field of a record.
func (v *VaultAPI) field(recordID, fieldID string) (model.Field, error) {
	r, err := shownRecord(v.svc, recordID)
	if err != nil {
		return model.Field{}, err
	}
	for _, f := range r.Fields {
		if f.ID == fieldID {
			return f, nil
		}
	}
	return model.Field{}, fmt.Errorf("the record has no field %q: %w", fieldID, model.ErrNotFound)
}
