package main

import (
	"errors"
	"fmt"

	"vaultbar/backend/model"
)

const purgeUsage = "purge <name-or-id> [--yes]"

var purgeCmd = command{
	name:    "purge",
	usage:   purgeUsage,
	summary: "delete a record in the deleted records permanently",
	help: `Deletes a record that ` + "`vaultbar rm`" + ` moved to the deleted records
permanently: its values and earlier versions are erased from this vault now,
and from other devices' vaults when they sync. It can't be restored. Asks
first; --yes does not ask. The name is looked up among the deleted records
only (` + "`vaultbar ls --deleted`" + ` lists them).

Older copies still hold the record until they are replaced: this vault's
journal until a later session folds it into a new snapshot, its backups
(up to 10 are kept), and sync files that devices have not rewritten yet.
Restoring a backup leaves the record deleted. An edit made on another
device that this one had not synced yet is kept: it brings the record back
with only that edit's values.`,
	run: runPurge,
}

func runPurge(e *env, args []string) error {
	p, err := flags{bools: []string{"yes"}}.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 1, 1, purgeUsage); err != nil {
		return err
	}
	return e.withVault(func(svc vault) error {
		d, err := svc.FindDeleted(p.pos[0])
		if err != nil {
			return withHint(err, deletedRecordHint(err))
		}
		fmt.Fprintf(e.stderr, "%q will be deleted permanently; it can't be restored.\n", d.Name)
		if err := e.confirm(p, "Delete it permanently?"); err != nil {
			return err
		}
		if err := svc.PurgeRecord(d.ID); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Deleted %q permanently\n", d.Name)
		return nil
	})
}

// deletedRecordHint is the hint for a deleted record that could not be named.
func deletedRecordHint(err error) string {
	var amb *model.AmbiguousError
	if errors.As(err, &amb) {
		return "use more of the name, or the id; `vaultbar ls --deleted` shows names and ids"
	}
	return "`vaultbar ls --deleted` lists the deleted records; `vaultbar rm` moves a record there first"
}
