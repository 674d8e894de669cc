package main

import (
	"fmt"

	"vaultbar/backend/service"
)

const initUsage = "init"

var initCmd = command{
	name:    "init",
	usage:   initUsage,
	summary: "create the vault",
	help: `Creates a new, empty vault protected by a login password, typed twice
(or taken from VAULTBAR_PASSWORD). The password's strength is shown, and a
very weak one is refused. There is no way to recover a forgotten login
password: write it down somewhere safe.`,
	run: runInit,
}

func runInit(e *env, args []string) error {
	p, err := flags{}.parse(args)
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
	if svc.Exists() {
		return withHint(service.ErrVaultExists, "use the vault there, or set VAULTBAR_HOME to another folder for a second vault")
	}
	pw, err := e.newPassword(envPassword, "New login password")
	if err != nil {
		return err
	}
	defer wipe(pw)
	if err := svc.Create(pw); err != nil {
		return err
	}
	svc.Lock()
	fmt.Fprintf(e.stdout, "Created a vault in %s\n", svc.Home())
	return nil
}
