package main

import (
	"errors"
	"fmt"
	"strings"

	"vaultbar/backend/model"
)

const addUsage = "add <type> <name> [--group G]... [--notes N] [--favorite] [label=value]..."

var addCmd = command{
	name:    "add",
	usage:   addUsage,
	summary: "add a record",
	help: `Adds a record of a type (see ` + "`vaultbar type ls`" + `), e.g.

  vaultbar add login GitHub username=alice password=- --group Personal

Field labels are the type's labels or field ids, in any case: username=,
password=, website= on a Login. Quote a label with spaces:
'one-time password=...'. A value of - (password=-, or --notes -) is read
from standard input: typed without echo at a prompt, or piped in, e.g.
` + "`pbpaste | vaultbar add login GitHub password=-`" + `. Values given on
the command line may be seen by other users of this computer (ps) and stay
in your shell history. Another record may have the same name; add says so.`,
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
	if err := p.once("notes"); err != nil {
		return err
	}
	return e.withVault(func(svc vault) error {
		in, err := recordInput(svc, p, newStdinValue(e.stderr))
		if err != nil {
			return err
		}
		r, err := svc.AddRecord(in)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Added %s %q (id %s)\n", r.TypeName, r.Name, r.ID)
		return noteSameName(e, svc, r)
	})
}

func recordInput(svc vault, p parsed, stdin *stdinValue) (model.RecordInput, error) {
	t, err := recordTypeByName(svc, p.pos[0])
	if err != nil {
		return model.RecordInput{}, err
	}
	fields, err := fieldValues(t, p.pos[2:], addUsage, stdin)
	if err != nil {
		return model.RecordInput{}, err
	}
	groups, err := groupIDs(svc, p.vals["group"], "leave out --group to add the record to no group")
	if err != nil {
		return model.RecordInput{}, err
	}
	notes, _, err := notesValue(p, stdin)
	if err != nil {
		return model.RecordInput{}, err
	}
	return model.RecordInput{
		Type: t.ID, Name: p.pos[1], Notes: notes, Favorite: p.has("favorite"),
		Groups: groups, Fields: fields,
	}, nil
}

// recordTypeByName resolves the type a new record is of. A deleted type is
// named as such, with the command that brings it back.
func recordTypeByName(svc vault, name string) (model.Type, error) {
	t, err := svc.TypeByName(name)
	if !errors.Is(err, model.ErrNotFound) {
		return t, err
	}
	if d, ok := deletedType(svc, name); ok {
		return t, failure(exitNotFound, "the record type %q was deleted", d.Name).
			withHint("`vaultbar type restore " + quoteArg(restoreArg(svc, d)) + "` brings it back with its fields")
	}
	return t, withHint(err, "`vaultbar type ls` lists the record types")
}

// noteSameName tells, on stderr, that r's name is not unique: allowed, but
// commands that name the record will then ask which one is meant.
func noteSameName(e *env, svc vault, r model.Record) error {
	all, err := svc.List(model.Filter{})
	if err != nil {
		return err
	}
	n := 0
	for _, s := range all {
		if s.ID != r.ID && strings.EqualFold(s.Name, r.Name) {
			n++
		}
	}
	if n > 0 {
		fmt.Fprintf(e.stderr, "note: %d other record(s) are also named %q; to name this one in a command, use its id %s\n", n, r.Name, r.ID)
	}
	return nil
}
