package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"vaultbar/backend/model"
)

var typeSubs = []subcommand{
	{"add", "add <name> <label:kind>...", runTypeAdd},
	{"rm", "rm <name> [--force]", runTypeRm},
	{"restore", "restore <name>", runTypeRestore},
	{"ls", "ls [--json]", runTypeLs},
	{"show", "show <name> [--json]", runTypeShow},
}

var typeCmd = command{
	name:    "type",
	usage:   "type add <name> <label:kind>... | type rm <name> [--force] | type restore <name> | type ls [--json] | type show <name> [--json]",
	summary: "add, delete, restore or list record types",
	help: `A record type names the fields its records have, e.g.

  vaultbar type add Router 'Admin URL:url' Username:text Password:secret

Kinds: ` + kindList() + `. secret, pin and otp values are
masked and never searched. A type needs at least one field; labels can't
contain = or line breaks. A type that records use is only deleted with
--force; those records keep every value, editable under their labels, and
are listed as of a deleted type. Any deleted type, built-in ones included,
comes back with ` + "`vaultbar type restore <name>`" + `.`,
	run: func(e *env, args []string) error { return dispatch(e, "type", typeSubs, args) },
}

func kindList() string {
	ks := make([]string, len(model.FieldKinds))
	for i, k := range model.FieldKinds {
		ks[i] = string(k)
	}
	return strings.Join(ks, ", ")
}

const typeAddUsage = "type add <name> <label:kind>..."

func runTypeAdd(e *env, args []string) error {
	p, err := flags{}.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 1, -1, typeAddUsage); err != nil {
		return err
	}
	if len(p.pos) == 1 {
		return usageError("a record type needs at least one field").
			withHint("usage: vaultbar " + typeAddUsage + ", e.g. vaultbar type add Router 'Admin URL:url' Password:secret")
	}
	defs, err := fieldDefs(p.pos[1:])
	if err != nil {
		return err
	}
	return e.withVault(func(svc vault) error {
		t, err := svc.AddType(p.pos[0], defs)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Added type %q with fields: %s\n", t.Name, labels(t))
		return nil
	})
}

// fieldDefs parses label:kind arguments; the kind is after the last colon,
// so a label may contain one.
func fieldDefs(args []string) ([]model.FieldDef, error) {
	var defs []model.FieldDef
	for _, a := range args {
		i := strings.LastIndex(a, ":")
		if i < 0 || strings.TrimSpace(a[i+1:]) == "" {
			// "A" and "A:" are one mistake, so one message and exit code.
			return nil, usageError("field %q has no kind", a).withHint("write fields as label:kind, e.g. Password:secret; kinds: " + kindList())
		}
		d := model.FieldDef{Label: strings.TrimSpace(a[:i]), Kind: model.FieldKind(strings.ToLower(a[i+1:]))}
		if !d.Kind.Valid() {
			return nil, failure(exitInvalid, "unknown field kind %q in %q", a[i+1:], a).withHint("kinds: " + kindList())
		}
		defs = append(defs, d)
	}
	return defs, nil
}

func runTypeRm(e *env, args []string) error {
	p, err := flags{bools: []string{"force"}}.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 1, 1, "type rm <name> [--force]"); err != nil {
		return err
	}
	return e.withVault(func(svc vault) error {
		t, err := findType(svc, p.pos[0])
		if err != nil {
			return err
		}
		n, err := svc.TypeUsage(t.ID)
		if err != nil {
			return err
		}
		if n > 0 && !p.has("force") {
			return failure(exitInvalid, "%d record(s) use the type %q", n, t.Name).withHint(fmt.Sprintf(
				"`vaultbar ls --type %s` lists them; `vaultbar type rm %s --force` deletes the type anyway: its records keep every value and are listed as of a deleted type",
				quoteArg(t.Name), quoteArg(t.Name)))
		}
		if _, err := svc.DeleteType(t.ID); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Deleted type %q; `vaultbar type restore %s` brings it back\n", t.Name, quoteArg(restoreArg(svc, t)))
		if n > 0 {
			fmt.Fprintf(e.stdout, "%d record(s) keep their values and are listed as of a deleted type\n", n)
		}
		return nil
	})
}

type typeEntry struct {
	ID      string           `json:"id"`
	Name    string           `json:"name"`
	Builtin bool             `json:"builtin"`
	Records int              `json:"records"`
	Fields  []model.FieldDef `json:"fields"`
}

func runTypeLs(e *env, args []string) error {
	p, err := flags{bools: []string{"json"}}.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 0, 0, "type ls [--json]"); err != nil {
		return err
	}
	return e.withVault(func(svc vault) error {
		ts, err := svc.Types()
		if err != nil {
			return err
		}
		counts, err := svc.Counts()
		if err != nil {
			return err
		}
		out := make([]typeEntry, len(ts))
		rows := [][]string{{"NAME", "ID", "RECORDS", "FIELDS"}}
		for i, t := range ts {
			out[i] = typeEntry{ID: t.ID, Name: t.Name, Builtin: t.Builtin, Records: counts["type:"+t.ID], Fields: t.Fields}
			rows = append(rows, []string{oneLine(t.Name), t.ID, strconv.Itoa(out[i].Records), oneLine(labels(t))})
		}
		if p.has("json") {
			return writeJSON(e.stdout, out)
		}
		return table(e.stdout, rows)
	})
}

func runTypeShow(e *env, args []string) error {
	p, err := flags{bools: []string{"json"}}.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 1, 1, "type show <name> [--json]"); err != nil {
		return err
	}
	return e.withVault(func(svc vault) error {
		t, err := findType(svc, p.pos[0])
		if err != nil {
			return err
		}
		if p.has("json") {
			return writeJSON(e.stdout, t)
		}
		rows := [][]string{{"Type:", t.Name + " (id " + t.ID + ")"}}
		for _, d := range t.Fields {
			rows = append(rows, []string{"  " + d.Label, string(d.Kind)})
		}
		return table(e.stdout, rows)
	})
}

func findType(svc vault, name string) (model.Type, error) {
	t, err := svc.TypeByName(name)
	return t, withHint(err, "`vaultbar type ls` lists the record types")
}

func runTypeRestore(e *env, args []string) error {
	p, err := flags{}.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 1, 1, "type restore <name>"); err != nil {
		return err
	}
	return e.withVault(func(svc vault) error {
		d, err := findDeletedType(svc, p.pos[0])
		if err != nil {
			return err
		}
		t, err := svc.RestoreType(d.ID)
		if errors.Is(err, model.ErrDuplicate) {
			return failure(exitInvalid, "another record type is named %q", d.Name).
				withHint(fmt.Sprintf("delete that type first (`vaultbar type rm %s`, with --force if records use it), then `vaultbar type restore %s`",
					quoteArg(d.Name), d.ID))
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Restored type %q with fields: %s\n", t.Name, labels(t))
		return nil
	})
}

// findDeletedType resolves a deleted type by id, else by name ignoring
// case; several deleted types of that name are refused with their ids.
func findDeletedType(svc vault, name string) (model.Type, error) {
	all, err := svc.DeletedTypes()
	if err != nil {
		return model.Type{}, err
	}
	var named []model.Type
	for _, t := range all {
		if t.ID == name {
			return t, nil
		}
		if strings.EqualFold(t.Name, strings.TrimSpace(name)) {
			named = append(named, t)
		}
	}
	switch len(named) {
	case 1:
		return named[0], nil
	case 0:
		return model.Type{}, failure(exitNotFound, "no deleted record type named %q", name).withHint(deletedHint(all))
	}
	ids := make([]string, len(named))
	for i, t := range named {
		ids[i] = t.ID
	}
	return model.Type{}, failure(exitAmbiguous, "%d deleted record types are named %q", len(named), name).
		withHint("give the id of the one to restore: " + strings.Join(ids, ", "))
}

func deletedHint(all []model.Type) string {
	if len(all) == 0 {
		return "no record type is deleted; `vaultbar type ls` lists the record types"
	}
	names := make([]string, len(all))
	for i, t := range all {
		names[i] = t.Name
	}
	return "the deleted record types are: " + strings.Join(names, ", ")
}

// deletedType finds a deleted type named name, for hints.
func deletedType(svc vault, name string) (model.Type, bool) {
	t, err := findDeletedType(svc, name)
	return t, err == nil
}

// restoreArg is how `type restore` names the deleted type t in a hint: a
// built-in type by its fixed id, which no other type can take; another by
// its name while no other deleted type has it, else by its id.
func restoreArg(svc vault, t model.Type) string {
	if t.Builtin {
		return t.ID
	}
	if d, err := findDeletedType(svc, t.Name); err != nil || d.ID != t.ID {
		return t.ID
	}
	return t.Name
}
