package main

import (
	"fmt"
	"strconv"
	"strings"

	"vaultbar/backend/model"
	"vaultbar/backend/service"
)

var typeSubs = []subcommand{
	{"add", "add <name> <label:kind>...", runTypeAdd},
	{"rm", "rm <name> [--force]", runTypeRm},
	{"ls", "ls [--json]", runTypeLs},
	{"show", "show <name> [--json]", runTypeShow},
}

var typeCmd = command{
	name:    "type",
	usage:   "type add <name> <label:kind>... | type rm <name> [--force] | type ls [--json] | type show <name> [--json]",
	summary: "add, delete or list record types",
	help: `A record type names the fields its records have, e.g.

  vaultbar type add Router 'Admin URL:url' Username:text Password:secret

Kinds: ` + kindList() + `. secret, pin and otp values are
masked and never searched. A type that records use is only deleted with
--force; those records keep every value and are listed as of a deleted type.`,
	run: func(e *env, args []string) error { return dispatch(e, "type", typeSubs, args) },
}

func kindList() string {
	ks := make([]string, len(model.FieldKinds))
	for i, k := range model.FieldKinds {
		ks[i] = string(k)
	}
	return strings.Join(ks, ", ")
}

func runTypeAdd(e *env, args []string) error {
	p, err := flags{}.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 1, -1, "type add <name> <label:kind>..."); err != nil {
		return err
	}
	defs, err := fieldDefs(p.pos[1:])
	if err != nil {
		return err
	}
	return e.withVault(func(svc *service.VaultService) error {
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
		if i < 0 {
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
	return e.withVault(func(svc *service.VaultService) error {
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
		fmt.Fprintf(e.stdout, "Deleted type %q\n", t.Name)
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
	return e.withVault(func(svc *service.VaultService) error {
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
			rows = append(rows, []string{t.Name, t.ID, strconv.Itoa(out[i].Records), labels(t)})
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
	return e.withVault(func(svc *service.VaultService) error {
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

func findType(svc *service.VaultService, name string) (model.Type, error) {
	t, err := svc.TypeByName(name)
	return t, withHint(err, "`vaultbar type ls` lists the record types")
}
