package main

import (
	"fmt"
)

const restoreUsage = "restore <name-or-id>"

var restoreCmd = command{
	name:    "restore",
	usage:   restoreUsage,
	summary: "bring back a deleted record",
	help: `Brings back a record that ` + "`vaultbar rm`" + ` moved to the deleted records
(` + "`vaultbar ls --deleted`" + ` lists them). The name is looked up among the
deleted records only.`,
	run: runRestore,
}

func runRestore(e *env, args []string) error {
	p, err := flags{}.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 1, 1, restoreUsage); err != nil {
		return err
	}
	return e.withVault(func(svc vault) error {
		d, err := svc.FindDeleted(p.pos[0])
		if err != nil {
			return withHint(err, deletedRecordHint(err))
		}
		r, err := svc.RestoreRecord(d.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Restored %q\n", r.Name)
		return nil
	})
}
