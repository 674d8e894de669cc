package main

import (
	"fmt"
	"strconv"

	"vaultbar/backend/model"
)

var groupSubs = []subcommand{
	{"add", "add <name>", runGroupAdd},
	{"rename", "rename <name> <new-name>", runGroupRename},
	{"rm", "rm <name>", runGroupRm},
	{"ls", "ls [--json]", runGroupLs},
}

var groupCmd = command{
	name:    "group",
	usage:   "group add <name> | group rename <name> <new-name> | group rm <name> | group ls [--json]",
	summary: "add, rename, delete or list groups",
	help: `Groups sort records; a record may be in several. Deleting a group keeps
its records: they only leave the group.`,
	run: func(e *env, args []string) error { return dispatch(e, "group", groupSubs, args) },
}

func positional(args []string, n int, usage string) ([]string, error) {
	p, err := flags{}.parse(args)
	if err != nil {
		return nil, err
	}
	if err := needArgs(p, n, n, usage); err != nil {
		return nil, err
	}
	return p.pos, nil
}

func runGroupAdd(e *env, args []string) error {
	pos, err := positional(args, 1, "group add <name>")
	if err != nil {
		return err
	}
	return e.withVault(func(svc vault) error {
		g, err := svc.AddGroup(pos[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Added group %q\n", g.Name)
		return nil
	})
}

func runGroupRename(e *env, args []string) error {
	pos, err := positional(args, 2, "group rename <name> <new-name>")
	if err != nil {
		return err
	}
	return e.withVault(func(svc vault) error {
		g, err := findGroup(svc, pos[0])
		if err != nil {
			return err
		}
		if g, err = svc.RenameGroup(g.ID, pos[1]); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Renamed group %q to %q\n", pos[0], g.Name)
		return nil
	})
}

func runGroupRm(e *env, args []string) error {
	pos, err := positional(args, 1, "group rm <name>")
	if err != nil {
		return err
	}
	return e.withVault(func(svc vault) error {
		g, err := findGroup(svc, pos[0])
		if err != nil {
			return err
		}
		counts, err := svc.Counts()
		if err != nil {
			return err
		}
		if err := svc.DeleteGroup(g.ID); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Deleted group %q; its %d record(s) stay in the vault\n", g.Name, counts["group:"+g.ID])
		return nil
	})
}

type groupEntry struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Records int    `json:"records"`
}

func runGroupLs(e *env, args []string) error {
	p, err := flags{bools: []string{"json"}}.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 0, 0, "group ls [--json]"); err != nil {
		return err
	}
	return e.withVault(func(svc vault) error {
		gs, err := svc.Groups()
		if err != nil {
			return err
		}
		counts, err := svc.Counts()
		if err != nil {
			return err
		}
		out := make([]groupEntry, len(gs))
		rows := [][]string{{"NAME", "RECORDS", "ID"}}
		for i, g := range gs {
			out[i] = groupEntry{ID: g.ID, Name: g.Name, Records: counts["group:"+g.ID]}
			rows = append(rows, []string{g.Name, strconv.Itoa(out[i].Records), g.ID})
		}
		if p.has("json") {
			return writeJSON(e.stdout, out)
		}
		return table(e.stdout, rows)
	})
}

func findGroup(svc vault, name string) (model.Group, error) {
	g, err := svc.GroupByName(name)
	return g, withHint(err, "`vaultbar group ls` lists the groups")
}
