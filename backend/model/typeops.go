package model

import (
	"fmt"
	"sort"
	"strings"
)

// Types returns the live record types sorted by name.
func (v *Vault) Types() []Type {
	var out []Type
	for _, e := range v.ents {
		if e.Kind == KindType && e.Alive() {
			out = append(out, v.typeCache(e))
		}
	}
	sort.Slice(out, func(i, j int) bool { return lessFold(out[i].Name, out[j].Name, out[i].ID, out[j].ID) })
	return out
}

// Type returns a live record type.
func (v *Vault) Type(id string) (Type, error) {
	e, err := v.live(id, KindType)
	if err != nil {
		return Type{}, err
	}
	return v.typeCache(e), nil
}

func (v *Vault) typeName(id string) string {
	if e := v.ents[id]; e != nil {
		return e.Get(RegName)
	}
	return id
}

// TypeByName resolves a live record type by id or name, ignoring case.
func (v *Vault) TypeByName(name string) (Type, error) {
	for _, t := range v.Types() {
		if t.ID == name || strings.EqualFold(t.Name, strings.TrimSpace(name)) {
			return t, nil
		}
	}
	return Type{}, fmt.Errorf("no record type named %q: %w", name, ErrNotFound)
}

// AddType creates a record type. Fields without an id get one.
func (v *Vault) AddType(name string, fields []FieldDef) (Type, error) {
	name = strings.TrimSpace(name)
	if err := v.checkName(KindType, "", name); err != nil {
		return Type{}, err
	}
	if err := checkDefs(fields); err != nil {
		return Type{}, err
	}
	e := &Entity{ID: NewID(), Kind: KindType, Regs: map[string]Reg{}}
	ed := v.begin(e)
	ed.set(RegName, name)
	for i, d := range fields {
		if d.ID == "" {
			d.ID = NewID()[:8]
		}
		ed.set(prefixDef+d.ID, encodeFieldDef(i, d))
	}
	v.ents[e.ID] = e
	ed.commit()
	return v.typeCache(e), nil
}

// UpdateType renames a type and sets its fields, in order. Fields missing
// from the list are removed from the type; records keep their values and
// show them under the old label.
func (v *Vault) UpdateType(id, name string, fields []FieldDef) (Type, error) {
	e, err := v.live(id, KindType)
	if err != nil {
		return Type{}, err
	}
	name = strings.TrimSpace(name)
	if err := v.checkName(KindType, id, name); err != nil {
		return Type{}, err
	}
	if err := checkDefs(fields); err != nil {
		return Type{}, err
	}
	ed := v.begin(e)
	ed.set(RegName, name)
	keep := map[string]bool{}
	for i, d := range fields {
		if d.ID == "" {
			d.ID = NewID()[:8]
		}
		keep[d.ID] = true
		ed.set(prefixDef+d.ID, encodeFieldDef(i, d))
	}
	for k := range e.Regs {
		if strings.HasPrefix(k, prefixDef) && !keep[strings.TrimPrefix(k, prefixDef)] {
			ed.set(k, "")
		}
	}
	ed.commit()
	return v.typeCache(e), nil
}

// TypeUsage counts the live records of a type.
func (v *Vault) TypeUsage(id string) int {
	n := 0
	for _, e := range v.ents {
		if e.Kind == KindRecord && e.Alive() && e.Get(RegType) == id {
			n++
		}
	}
	return n
}

// DeleteType deletes a record type and returns how many records use it.
// Those records keep every value; they are listed as of a deleted type, with
// the type's labels, until the user moves them to another type.
func (v *Vault) DeleteType(id string) (int, error) {
	e, err := v.live(id, KindType)
	if err != nil {
		return 0, err
	}
	n := v.TypeUsage(id)
	v.remove(e)
	return n, nil
}

// DeletedTypes returns the deleted record types sorted by name, built-in
// ones included: RestoreType brings any of them back.
func (v *Vault) DeletedTypes() []Type {
	var out []Type
	for _, e := range v.ents {
		if e.Kind == KindType && !e.Alive() {
			out = append(out, typeView(e))
		}
	}
	sort.Slice(out, func(i, j int) bool { return lessFold(out[i].Name, out[j].Name, out[i].ID, out[j].ID) })
	return out
}

// RestoreType brings back a deleted record type with the fields it had, so
// its records read as before. It is refused while a live type has its name.
func (v *Vault) RestoreType(id string) (Type, error) {
	e := v.ents[id]
	if e == nil || e.Kind != KindType {
		return Type{}, fmt.Errorf("type %q: %w", id, ErrNotFound)
	}
	if !e.Alive() {
		if err := v.checkName(KindType, id, e.Get(RegName)); err != nil {
			return Type{}, err
		}
		v.restore(e)
	}
	return v.typeCache(e), nil
}
