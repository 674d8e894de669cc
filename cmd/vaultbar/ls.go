package main

import (
	"vaultbar/backend/model"
)

const lsUsage = "ls [--group G] [--type T] [--favorites] [--deleted] [--json]"

var lsCmd = command{
	name:    "ls",
	usage:   lsUsage,
	summary: "list records",
	help: `Lists records by name, with their type, a detail (the first field that is
not secret) and id. --deleted lists the deleted records instead.`,
	run: runLs,
}

var lsFlags = flags{bools: []string{"favorites", "deleted", "json"}, strings: []string{"group", "type"}}

func runLs(e *env, args []string) error {
	p, err := lsFlags.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 0, 0, lsUsage); err != nil {
		return err
	}
	return e.withVault(func(svc vault) error {
		f, err := lsFilter(svc, p)
		if err != nil {
			return err
		}
		return listRecords(e, svc, f, p.has("json"))
	})
}

func lsFilter(svc vault, p parsed) (model.Filter, error) {
	f := model.Filter{Favorites: p.has("favorites"), Deleted: p.has("deleted")}
	if g, ok := p.last("group"); ok {
		grp, err := svc.GroupByName(g)
		if err != nil {
			return f, withHint(err, "`vaultbar group ls` lists the groups")
		}
		f.Group = grp.ID
	}
	if t, ok := p.last("type"); ok {
		typ, err := svc.TypeByName(t)
		if err != nil {
			return f, withHint(err, "`vaultbar type ls` lists the record types")
		}
		f.Type = typ.ID
	}
	return f, nil
}

// listEntry is a record in `ls` and `search` output.
type listEntry struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	TypeName string `json:"typeName"`
	Detail   string `json:"detail"`
	Favorite bool   `json:"favorite"`
}

func listRecords(e *env, svc vault, f model.Filter, asJSON bool) error {
	sums, err := svc.List(f)
	if err != nil {
		return err
	}
	names := typeNames(svc)
	entries := make([]listEntry, len(sums))
	for i, s := range sums {
		tn, ok := names[s.Type]
		if !ok {
			tn = "(deleted type)"
		}
		entries[i] = listEntry{ID: s.ID, Name: s.Name, Type: s.Type, TypeName: tn, Detail: s.Subtitle, Favorite: s.Favorite}
	}
	if asJSON {
		return writeJSON(e.stdout, entries)
	}
	rows := [][]string{{"NAME", "TYPE", "DETAIL", "ID"}}
	for _, x := range entries {
		name := x.Name
		if x.Favorite {
			name += " *"
		}
		rows = append(rows, []string{oneLine(name), x.TypeName, oneLine(x.Detail), x.ID})
	}
	return table(e.stdout, rows)
}

// typeNames maps the ids of live types to their names.
func typeNames(svc vault) map[string]string {
	m := map[string]string{}
	ts, _ := svc.Types()
	for _, t := range ts {
		m[t.ID] = t.Name
	}
	return m
}
