package main

import (
	"fmt"

	"vaultbar/backend/model"
	"vaultbar/backend/service"
)

const editUsage = "edit <name-or-id> [--name N] [--group G]... [--notes N] [--favorite|--no-favorite] [label=value]..."

var editCmd = command{
	name:    "edit",
	usage:   editUsage,
	summary: "change a record",
	help: `Changes only what is given; everything else stays. --group replaces the
record's groups with the ones given (repeat it for several). label= with
nothing after the = clears that field. The earlier value of a changed field
is kept in the record's history (` + "`vaultbar show <name> --history`" + `).`,
	run: runEdit,
}

var editFlags = flags{bools: []string{"favorite", "no-favorite"}, strings: []string{"name", "group", "notes"}}

func runEdit(e *env, args []string) error {
	p, err := editFlags.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 1, -1, editUsage); err != nil {
		return err
	}
	return e.withVault(func(svc *service.VaultService) error {
		r, err := findRecord(svc, p.pos[0])
		if err != nil {
			return err
		}
		patch, err := recordPatch(svc, r, p)
		if err != nil {
			return err
		}
		if r, err = svc.UpdateRecord(r.ID, patch); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Saved %q\n", r.Name)
		return nil
	})
}

func recordPatch(svc *service.VaultService, r model.Record, p parsed) (model.RecordPatch, error) {
	var patch model.RecordPatch
	t, err := recordType(svc, r)
	if err != nil {
		return patch, err
	}
	if patch.Fields, err = fieldValues(t, p.pos[1:], editUsage); err != nil {
		return patch, err
	}
	if name, ok := p.last("name"); ok {
		patch.Name = &name
	}
	if notes, ok := p.last("notes"); ok {
		patch.Notes = &notes
	}
	if p.has("favorite") || p.has("no-favorite") {
		fav := p.has("favorite") && !p.has("no-favorite")
		patch.Favorite = &fav
	}
	if p.has("group") {
		ids, err := groupIDs(svc, p.vals["group"])
		if err != nil {
			return patch, err
		}
		patch.Groups = &ids
	}
	return patch, nil
}

// recordType is the record's type as label=value arguments see it: the
// record's current fields, which include those of a deleted type.
func recordType(svc *service.VaultService, r model.Record) (model.Type, error) {
	if t, err := svc.TypeByName(r.Type); err == nil {
		return t, nil
	}
	t := model.Type{ID: r.Type, Name: r.TypeName}
	for _, f := range r.Fields {
		t.Fields = append(t.Fields, model.FieldDef{ID: f.ID, Label: f.Label, Kind: f.Kind})
	}
	return t, nil
}
