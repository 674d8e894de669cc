package main

import (
	"fmt"
	"strconv"

	"vaultbar/backend/service"
)

var backupSubs = []subcommand{
	{"ls", "ls [--json]", runBackupLs},
	{"restore", "restore <name>", runBackupRestore},
}

var backupCmd = command{
	name:    "backup",
	usage:   "backup ls [--json] | backup restore <name>",
	summary: "list or restore the vault's automatic backups",
	help: `Vaultbar keeps backups of the vault file beside it. ` + "`backup ls`" + ` lists them,
newest first; ` + "`backup restore <name>`" + ` replaces the vault with one, after
checking that it opens with the login password (a password change updates
the backups too). The replaced files are kept beside the vault, not deleted.`,
	run: func(e *env, args []string) error { return dispatch(e, "backup", backupSubs, args) },
}

func runBackupLs(e *env, args []string) error {
	p, err := flags{bools: []string{"json"}}.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 0, 0, "backup ls [--json]"); err != nil {
		return err
	}
	svc, err := e.service()
	if err != nil {
		return err
	}
	bs, err := svc.Backups()
	if err != nil {
		return err
	}
	if p.has("json") {
		return writeJSON(e.stdout, bs)
	}
	rows := [][]string{{"NAME", "SAVED", "SIZE"}}
	for _, b := range bs {
		rows = append(rows, []string{b.Name, when(b.Time), strconv.FormatInt(b.Size, 10)})
	}
	return table(e.stdout, rows)
}

func runBackupRestore(e *env, args []string) error {
	pos, err := positional(args, 1, "backup restore <name>")
	if err != nil {
		return err
	}
	svc, err := e.service()
	if err != nil {
		return err
	}
	pw, err := e.password("Login password: ")
	if err != nil {
		return err
	}
	defer wipe(pw)
	if err := svc.RestoreBackup(pos[0], pw); err != nil {
		return withHint(err, hintRestore(err))
	}
	svc.Lock()
	fmt.Fprintf(e.stdout, "Restored the vault from backup %s\n", pos[0])
	return nil
}

func hintRestore(err error) string {
	if _, h := service.Explain(err); h != "" {
		return h
	}
	return "`vaultbar backup ls` lists the backups"
}
