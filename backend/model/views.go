package model

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

// Field is one field of a record as shown to the user.
type Field struct {
	ID    string    `json:"id"`
	Label string    `json:"label"`
	Kind  FieldKind `json:"kind"`
	Value string    `json:"value"`
}

// Record is the user's view of a record entity.
type Record struct {
	ID       string    `json:"id"`
	Type     string    `json:"type"`
	TypeName string    `json:"typeName"`
	Name     string    `json:"name"`
	Notes    string    `json:"notes"`
	Favorite bool      `json:"favorite"`
	Groups   []string  `json:"groups"` // ids of live groups
	Fields   []Field   `json:"fields"`
	Created  time.Time `json:"created"`
	Modified time.Time `json:"modified"`
}

// Summary is what a record list shows of a record.
type Summary struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	Subtitle string `json:"subtitle"` // first non-concealed field value
	Favorite bool   `json:"favorite"`
}

// HistoryEntry is an earlier value of one of a record's fields.
type HistoryEntry struct {
	Key       string    `json:"key"`
	Label     string    `json:"label"`
	Value     string    `json:"value"`
	Concealed bool      `json:"concealed"`
	Time      time.Time `json:"time"`
	Stamp     Stamp     `json:"stamp"`
}

// Group is the user's view of a group.
type Group struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Builtin bool   `json:"builtin"`
}

// Type is the user's view of a record type.
type Type struct {
	ID      string     `json:"id"`
	Name    string     `json:"name"`
	Fields  []FieldDef `json:"fields"`
	Builtin bool       `json:"builtin"`
}

// typeView decodes a type entity, dead or alive: records of a deleted type
// still need its labels.
func typeView(e *Entity) Type {
	t := Type{ID: e.ID, Name: e.Get(RegName), Builtin: IsBuiltin(e.ID)}
	type placed struct {
		pos int
		d   FieldDef
	}
	var ps []placed
	for k, r := range e.Regs {
		if !strings.HasPrefix(k, prefixDef) || r.V == "" {
			continue
		}
		if pos, d, ok := decodeFieldDef(strings.TrimPrefix(k, prefixDef), r.V); ok {
			ps = append(ps, placed{pos, d})
		}
	}
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].pos != ps[j].pos {
			return ps[i].pos < ps[j].pos
		}
		return ps[i].d.ID < ps[j].d.ID
	})
	for _, p := range ps {
		t.Fields = append(t.Fields, p.d)
	}
	return t
}

// removedDef finds the label of a field removed from a type, so a record's
// value for it is still shown under its old name.
func removedDef(typ *Entity, id string) (FieldDef, bool) {
	if typ == nil {
		return FieldDef{}, false
	}
	for _, h := range typ.History { // newest first
		if h.Key == prefixDef+id {
			if _, d, ok := decodeFieldDef(id, h.V); ok {
				return d, true
			}
		}
	}
	return FieldDef{}, false
}

// otherDef labels a value whose field neither the record's type nor that
// type's history defines: the record was moved from another type. Any
// type that defines the id gives the label (the first by type id, so every
// device shows the same); the kind is theirs only if they all agree, else
// the value is masked, never shown when it may be a secret. With no
// definition anywhere, the raw id is the label and the value is masked.
func (v *Vault) otherDef(id string) FieldDef {
	var defs []FieldDef
	for _, t := range v.typesByID() {
		if d, ok := fieldDef(t, id); ok {
			defs = append(defs, d)
		}
	}
	if len(defs) == 0 {
		return FieldDef{ID: id, Label: id, Kind: KindSecret}
	}
	d := defs[0]
	for _, o := range defs[1:] {
		if o.Kind != d.Kind {
			d.Kind = KindSecret
		}
	}
	return d
}

// fieldDef finds field id in a type entity, defined now or earlier.
func fieldDef(t *Entity, id string) (FieldDef, bool) {
	if r := t.Regs[prefixDef+id]; r.V != "" {
		if _, d, ok := decodeFieldDef(id, r.V); ok {
			return d, true
		}
	}
	return removedDef(t, id)
}

// typesByID is cached because otherDef asks for it once per foreign field
// of every record shown: without the cache a listing or an edit of a vault
// with many moved records scans every entity each time, O(n²).
func (v *Vault) typesByID() []*Entity {
	if v.typeList != nil {
		return v.typeList
	}
	out := []*Entity{}
	for _, e := range v.ents {
		if e.Kind == KindType {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	v.typeList = out
	return out
}

func (v *Vault) recordView(e *Entity) Record {
	r := Record{
		ID: e.ID, Type: e.Get(RegType), Name: e.Get(RegName), Notes: e.Get(RegNotes),
		Favorite: e.Get(RegFavorite) == "1",
		Modified: e.Modified().Time(),
	}
	if ms, err := strconv.ParseInt(e.Get(RegCreated), 10, 64); err == nil {
		r.Created = time.UnixMilli(ms)
	}
	typ := v.ents[r.Type]
	seen := map[string]bool{}
	if typ != nil {
		tv := typeView(typ)
		r.TypeName = tv.Name
		if !typ.Alive() {
			r.TypeName += " (deleted type)"
		}
		for _, d := range tv.Fields {
			seen[d.ID] = true
			r.Fields = append(r.Fields, Field{ID: d.ID, Label: d.Label, Kind: d.Kind, Value: e.Get(FieldKey(d.ID))})
		}
	}
	// Values of fields the type no longer has are never hidden: the user
	// typed them, so they stay visible until the user clears them.
	var extra []Field
	for k, reg := range e.Regs {
		if !strings.HasPrefix(k, prefixField) || reg.V == "" || seen[strings.TrimPrefix(k, prefixField)] {
			continue
		}
		id := strings.TrimPrefix(k, prefixField)
		d, ok := removedDef(typ, id)
		if !ok {
			d = v.otherDef(id)
		}
		extra = append(extra, Field{ID: id, Label: d.Label, Kind: d.Kind, Value: reg.V})
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i].ID < extra[j].ID })
	r.Fields = append(r.Fields, extra...)
	for k, reg := range e.Regs {
		if strings.HasPrefix(k, prefixGroup) && reg.V == "1" {
			if g := v.ents[strings.TrimPrefix(k, prefixGroup)]; g != nil && g.Kind == KindGroup && g.Alive() {
				r.Groups = append(r.Groups, g.ID)
			}
		}
	}
	sort.Strings(r.Groups)
	return r
}

func (v *Vault) summary(e *Entity) Summary {
	s := Summary{ID: e.ID, Name: e.Get(RegName), Type: e.Get(RegType), Favorite: e.Get(RegFavorite) == "1"}
	if typ := v.ents[s.Type]; typ != nil {
		for _, d := range v.typeCache(typ).Fields {
			if val := e.Get(FieldKey(d.ID)); val != "" && !d.Kind.Concealed() && d.Kind != KindNote {
				s.Subtitle = val
				break
			}
		}
	}
	return s
}

func (v *Vault) historyView(e *Entity) []HistoryEntry {
	typ := v.ents[e.Get(RegType)]
	labels := map[string]FieldDef{}
	if typ != nil {
		for _, d := range typeView(typ).Fields {
			labels[FieldKey(d.ID)] = d
		}
	}
	var out []HistoryEntry
	for _, h := range e.History {
		he := HistoryEntry{Key: h.Key, Value: h.V, Time: h.S.Time(), Stamp: h.S}
		switch {
		case h.Key == RegName:
			he.Label = "Name"
		case h.Key == RegNotes:
			he.Label = "Notes"
		default:
			d, ok := labels[h.Key]
			if !ok {
				d, ok = removedDef(typ, strings.TrimPrefix(h.Key, prefixField))
			}
			if !ok {
				d = v.otherDef(strings.TrimPrefix(h.Key, prefixField))
			}
			he.Label, he.Concealed = d.Label, d.Kind.Concealed()
		}
		out = append(out, he)
	}
	return out
}
