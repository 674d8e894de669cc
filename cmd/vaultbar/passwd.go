package main

import (
	"fmt"
)

const passwdUsage = "passwd"

var passwdCmd = command{
	name:    "passwd",
	usage:   passwdUsage,
	summary: "change the login password",
	help: `Changes the login password. The current one is asked for (or taken from
VAULTBAR_PASSWORD), then the new one twice (or VAULTBAR_NEW_PASSWORD). This
is the login password only; the cloud sync password is separate.`,
	run: runPasswd,
}

func runPasswd(e *env, args []string) error {
	if _, err := positional(args, 0, passwdUsage); err != nil {
		return err
	}
	svc, err := e.service()
	if err != nil {
		return err
	}
	old, err := e.password("Current login password: ")
	if err != nil {
		return err
	}
	defer wipe(old)
	if err := svc.Unlock(old); err != nil {
		return err
	}
	defer svc.Lock()
	pw, err := e.newPassword(envNewPassword, "New login password")
	if err != nil {
		return err
	}
	defer wipe(pw)
	if err := svc.ChangePassword(old, pw); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "Changed the login password")
	return nil
}
