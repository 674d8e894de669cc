package main

import (
	"fmt"

	"vaultbar/backend/model"
	"vaultbar/backend/service"
)

const addUsage = "add <type> <name> [--group G]... [--notes N] [--favorite] [label=value]..."

var addCmd = command{
	name:    "add",
	usage:   addUsage,
	summary: "add a record",
	help: `Adds a record of a type (see ` + "`vaultbar type ls`" + `), e.g.

  vaultbar add login GitHub username=alice password='s3cret!' --group Personal

Field labels are the type's labels or field ids, in any case: username=,
password=, website= on a Login. Quote a label with spaces:
'one-time password=...'. Values given on the command line may be seen by
other users of this computer (ps) and stay in your shell history.`,
	run: runAdd,
}

var addFlags = flags{bools: []string{"favorite"}, strings: []string{"group", "notes"}}

func runAdd(e *env, args []string) error {
	p, err := addFlags.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 2, -1, addUsage); err != nil {
		return err
	}
	return e.withVault(func(svc *service.VaultService) error {
		in, err := recordInput(svc, p)
		if err != nil {
			return err
		}
		r, err := svc.AddRecord(in)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Added %s %q (id %s)\n", r.TypeName, r.Name, r.ID)
		return nil
	})
}

func recordInput(svc *service.VaultService, p parsed) (model.RecordInput, error) {
	t, err := svc.TypeByName(p.pos[0])
	if err != nil {
		return model.RecordInput{}, withHint(err, "`vaultbar type ls` lists the record types")
	}
	fields, err := fieldValues(t, p.pos[2:], addUsage)
	if err != nil {
		return model.RecordInput{}, err
	}
	groups, err := groupIDs(svc, p.vals["group"])
	if err != nil {
		return model.RecordInput{}, err
	}
	notes, _ := p.last("notes")
	return model.RecordInput{
		Type: t.ID, Name: p.pos[1], Notes: notes, Favorite: p.has("favorite"),
		Groups: groups, Fields: fields,
	}, nil
}
