package main

import (
	"fmt"

	"vaultbar/backend/service"
)

const initUsage = "init [--force]"

var initCmd = command{
	name:    "init",
	usage:   initUsage,
	summary: "create the vault",
	help: `Creates a new, empty vault protected by a login password, typed twice
(or taken from VAULTBAR_PASSWORD). The password's strength is shown, and a
very weak one is refused. There is no way to recover a forgotten login
password: write it down somewhere safe.

init refuses where a vault, or anything left of one (its journal, its
backups), is already there. --force moves those files into a dated folder
inside the vault folder (old-<time>) first; nothing is deleted.`,
	run: runInit,
}

func runInit(e *env, args []string) error {
	p, err := flags{bools: []string{"force"}}.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 0, 0, initUsage); err != nil {
		return err
	}
	svc, err := e.service()
	if err != nil {
		return err
	}
	if svc.Exists() && !p.has("force") {
		return refuseInit(svc)
	}
	pw, err := e.newPassword(envPassword, "New login password")
	if err != nil {
		return err
	}
	defer wipe(pw)
	if svc.Exists() {
		dir, err := svc.SetAside()
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Moved the old vault's files into %s\n", dir)
	}
	if err := svc.Create(pw); err != nil {
		return err
	}
	svc.Lock()
	fmt.Fprintf(e.stdout, "Created a vault in %s\n", svc.Home())
	return nil
}

// refuseInit says why init won't create a vault here, and what to run.
func refuseInit(svc *service.VaultService) error {
	if svc.NeedsRecovery() {
		return failure(exitDamaged, "the vault here is damaged: vault.vbv is missing or unreadable, but the vault's files are here").
			withHint("run `vaultbar recover` to rebuild it from them (`vaultbar init --force` would move them aside and start an empty vault)")
	}
	return withHint(service.ErrVaultExists, "unlock it (if it is damaged, `vaultbar recover` rebuilds it); for a second vault set VAULTBAR_HOME to another folder; to start over here, `vaultbar init --force` moves it into a dated folder first")
}
