package main

import (
	"fmt"
)

const rmUsage = "rm <name-or-id>"

var rmCmd = command{
	name:    "rm",
	usage:   rmUsage,
	summary: "move a record to the deleted records (restore brings it back)",
	help: `Moves a record to the deleted records. Nothing is erased: ` + "`vaultbar ls --deleted`" + `
lists deleted records and ` + "`vaultbar restore <name-or-id>`" + ` brings one back,
with its history.`,
	run: runRm,
}

func runRm(e *env, args []string) error {
	p, err := flags{}.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 1, 1, rmUsage); err != nil {
		return err
	}
	return e.withVault(func(svc vault) error {
		r, err := findRecord(svc, p.pos[0])
		if err != nil {
			return err
		}
		if err := svc.DeleteRecord(r.ID); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Moved %q to the deleted records; `vaultbar restore %s` brings it back\n", r.Name, quoteArg(deletedArg(svc, r.ID, r.Name)))
		return nil
	})
}

// deletedArg is what names deleted record id on the command line: its
// name when that finds just it among the deleted records, else its id.
func deletedArg(svc vault, id, name string) string {
	if d, err := svc.FindDeleted(name); err == nil && d.ID == id {
		return name
	}
	return id
}
