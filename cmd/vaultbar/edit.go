package main

import (
	"fmt"

	"vaultbar/backend/model"
)

const editUsage = "edit <name-or-id> [--name N] [--group G]... [--no-groups] [--notes N] [--favorite|--no-favorite] [label=value]..."

var editCmd = command{
	name:    "edit",
	usage:   editUsage,
	summary: "change a record",
	help: `Changes only what is given; everything else stays. --group replaces the
record's groups with the ones given (repeat it for several); --no-groups
takes the record out of every group. label= with nothing after the =
clears that field; label=- (or --notes -) reads the value from standard
input, without echo on a terminal. A record of a deleted type keeps its
fields, editable under their old labels. The earlier value of a changed
field is kept in the record's history (` + "`vaultbar show <name> --history`" + `).`,
	run: runEdit,
}

var editFlags = flags{bools: []string{"favorite", "no-favorite", "no-groups"}, strings: []string{"name", "group", "notes"}}

func runEdit(e *env, args []string) error {
	p, err := editFlags.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 1, -1, editUsage); err != nil {
		return err
	}
	if err := editConflicts(p); err != nil {
		return err
	}
	return e.withVault(func(svc vault) error {
		r, err := findRecord(svc, p.pos[0])
		if err != nil {
			return err
		}
		patch, err := recordPatch(svc, r, p, newStdinValue(e.stderr))
		if err != nil {
			return err
		}
		if r, err = svc.UpdateRecord(r.ID, patch); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Saved %q\n", r.Name)
		if patch.Name != nil {
			return noteSameName(e, svc, r)
		}
		return nil
	})
}

// editConflicts refuses flags that contradict each other, before the
// vault is opened.
func editConflicts(p parsed) error {
	if err := p.exclusive("favorite", "no-favorite"); err != nil {
		return err
	}
	if err := p.exclusive("group", "no-groups"); err != nil {
		return err
	}
	return p.once("name", "notes")
}

func recordPatch(svc vault, r model.Record, p parsed, stdin *stdinValue) (model.RecordPatch, error) {
	var patch model.RecordPatch
	var err error
	if patch.Fields, err = fieldValues(recordType(r), p.pos[1:], editUsage, stdin); err != nil {
		return patch, err
	}
	if patch.Name, err = optional(p.single("name")); err != nil {
		return patch, err
	}
	if patch.Notes, err = optional(notesValue(p, stdin)); err != nil {
		return patch, err
	}
	if p.has("favorite") || p.has("no-favorite") {
		fav := p.has("favorite")
		patch.Favorite = &fav
	}
	patch.Groups, err = groupsPatch(svc, p)
	return patch, err
}

// optional turns a flag's (value, given, error) into a patch member.
func optional(v string, ok bool, err error) (*string, error) {
	if !ok || err != nil {
		return nil, err
	}
	return &v, nil
}

func groupsPatch(svc vault, p parsed) (*[]string, error) {
	switch {
	case p.has("no-groups"):
		return &[]string{}, nil
	case !p.has("group"):
		return nil, nil
	}
	ids, err := groupIDs(svc, p.vals["group"], "to take the record out of every group, use --no-groups")
	return &ids, err
}

// recordType is the record's type as label=value arguments see it: the
// fields the record shows, by the type's id, never its name. They are its
// live type's fields, or those of its deleted type, plus fields removed
// from the type that still hold a value, all under the labels `show`
// prints, so whatever show lists can be changed or cleared.
func recordType(r model.Record) model.Type {
	t := model.Type{ID: r.Type, Name: r.TypeName}
	for _, f := range r.Fields {
		t.Fields = append(t.Fields, model.FieldDef{ID: f.ID, Label: f.Label, Kind: f.Kind})
	}
	return t
}
