package model

import (
	"fmt"
	"sort"
	"strings"
)

// Groups returns the live groups sorted by name.
func (v *Vault) Groups() []Group {
	var out []Group
	for _, e := range v.ents {
		if e.Kind == KindGroup && e.Alive() {
			out = append(out, Group{ID: e.ID, Name: e.Get(RegName), Builtin: IsBuiltin(e.ID)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return lessFold(out[i].Name, out[j].Name, out[i].ID, out[j].ID) })
	return out
}

func lessFold(a, b, ida, idb string) bool {
	if la, lb := strings.ToLower(a), strings.ToLower(b); la != lb {
		return la < lb
	}
	return ida < idb
}

// GroupByName resolves a group by id or name, ignoring case.
func (v *Vault) GroupByName(name string) (Group, error) {
	for _, g := range v.Groups() {
		if g.ID == name || strings.EqualFold(g.Name, strings.TrimSpace(name)) {
			return g, nil
		}
	}
	return Group{}, fmt.Errorf("no group named %q: %w", name, ErrNotFound)
}

// AddGroup creates a group with a name no live group has.
func (v *Vault) AddGroup(name string) (Group, error) {
	name = strings.TrimSpace(name)
	if err := v.checkName(KindGroup, "", name); err != nil {
		return Group{}, err
	}
	e := &Entity{ID: NewID(), Kind: KindGroup, Regs: map[string]Reg{}}
	ed := v.begin(e)
	ed.set(RegName, name)
	v.ents[e.ID] = e
	ed.commit()
	return Group{ID: e.ID, Name: name}, nil
}

// RenameGroup renames a live group.
func (v *Vault) RenameGroup(id, name string) (Group, error) {
	e, err := v.live(id, KindGroup)
	if err != nil {
		return Group{}, err
	}
	name = strings.TrimSpace(name)
	if err := v.checkName(KindGroup, id, name); err != nil {
		return Group{}, err
	}
	ed := v.begin(e)
	ed.set(RegName, name)
	ed.commit()
	return Group{ID: id, Name: name, Builtin: IsBuiltin(id)}, nil
}

// DeleteGroup deletes a group. Its records stay; they only leave the group.
func (v *Vault) DeleteGroup(id string) error {
	e, err := v.live(id, KindGroup)
	if err != nil {
		return err
	}
	v.remove(e)
	return nil
}

// Counts returns how many live records each group and type has, plus the
// totals for "all" and "favorites", and "deleted" (records in Deleted Records).
func (v *Vault) Counts() map[string]int {
	c := map[string]int{}
	types, groups := map[string]int{}, map[string]int{}
	idx := v.recordIndex() // a pass over it, not over every register
	for i := range idx {
		x := &idx[i]
		switch {
		case x.purged: // a purged record is in no list
			continue
		case !x.alive:
			c["deleted"]++ // Deleted Records shows its count too
			continue
		}
		c["all"]++
		if x.sum.Favorite {
			c["favorites"]++
		}
		types[x.sum.Type]++
		for _, g := range x.groups {
			groups[g]++
		}
	}
	for t, n := range types {
		c["type:"+t] = n
	}
	for g, n := range groups {
		c["group:"+g] = n
	}
	return c
}

func (v *Vault) checkName(k Kind, self, name string) error {
	if name == "" {
		return fmt.Errorf("a %s needs a name: %w", k, ErrInvalid)
	}
	if err := checkOneLine(k.String()+" name", name); err != nil {
		return err
	}
	for _, e := range v.ents {
		if e.Kind == k && e.ID != self && e.Alive() && strings.EqualFold(e.Get(RegName), name) {
			return fmt.Errorf("a %s named %q: %w", k, name, ErrDuplicate)
		}
	}
	return nil
}
