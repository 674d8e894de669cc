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
		fmt.Fprintf(e.stdout, "Moved %q to the deleted records; `vaultbar restore %s` brings it back\n", r.Name, quoteArg(r.Name))
		return nil
	})
}
