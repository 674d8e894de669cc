package main

import (
	"bufio"
	"errors"
	"fmt"
	"strings"

	"vaultbar/backend/service"
)

const recoverUsage = "recover [--dry-run] [--yes]"

var recoverCmd = command{
	name:    "recover",
	usage:   recoverUsage,
	summary: "rebuild a damaged vault from every copy that is still intact",
	help: `Rebuilds a damaged vault from everything that still opens with the login
password: the vault file, every save in its journal, and the backups with
the journals kept beside them. Records merge field by field, so the newest
value of each field wins, wherever it was found. Says what it will recover,
from where, and what may be missing, then asks before writing (--yes does
not ask; --dry-run only says). Damaged files are kept beside the vault as
*.damaged-<time>, never deleted.`,
	run: runRecover,
}

func runRecover(e *env, args []string) error {
	p, err := flags{bools: []string{"dry-run", "yes"}}.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 0, 0, recoverUsage); err != nil {
		return err
	}
	svc, err := e.service()
	if err != nil {
		return err
	}
	if !svc.Exists() {
		return service.ErrNoVault
	}
	pw, err := e.password("Login password: ")
	if err != nil {
		return err
	}
	defer wipe(pw)
	plan, err := svc.Recover(pw, true)
	if err != nil || !plan.Damaged {
		if err == nil {
			fmt.Fprintln(e.stdout, "Nothing is damaged; nothing to recover.")
		}
		return err
	}
	if p.has("dry-run") {
		fmt.Fprintf(e.stdout, "Would recover %s.\n", plan.Summary)
		if len(plan.SetAside) > 0 {
			fmt.Fprintf(e.stdout, "Would keep the damaged files aside: %s.\n", strings.Join(plan.SetAside, ", "))
		}
		return nil
	}
	if !p.has("yes") {
		if err := e.askRecover(plan); err != nil {
			return err
		}
	}
	done, err := svc.Recover(pw, false)
	if err != nil {
		return err
	}
	svc.Lock()
	fmt.Fprintf(e.stdout, "Recovered %s.\n", done.Summary)
	if len(done.SetAside) > 0 {
		fmt.Fprintf(e.stdout, "Kept the damaged files as %s.\n", strings.Join(done.SetAside, ", "))
	}
	return nil
}

// askRecover shows the plan and asks on the terminal; without one it
// refuses, since writing needs consent.
func (e *env) askRecover(plan service.Recovery) error {
	refuse := failure(exitUsage, "recover asks before writing, and there is no terminal to ask on").
		withHint("run `vaultbar recover --yes` to recover without asking (`--dry-run` says what it would do)")
	p, err := e.tty()
	if err != nil {
		return refuse
	}
	defer p.Close()
	t, ok := p.(tty)
	if !ok {
		return refuse
	}
	fmt.Fprintf(t.f, "Would recover %s.\nRecover the vault? [y/N] ", plan.Summary)
	line, _ := bufio.NewReader(t.f).ReadString('\n')
	if a := strings.ToLower(strings.TrimSpace(line)); a != "y" && a != "yes" {
		return failure(exitGeneral, "recovery cancelled; nothing was changed").
			withHint("run `vaultbar recover` again when ready")
	}
	return nil
}

// recoverHint gives a damaged vault's error the command that recovers it.
// A file of a newer format may be damage too (a flipped version byte), and
// recovery sets such a file aside, never deletes it.
func recoverHint(err error) error {
	var d *service.DamagedError
	switch {
	case errors.As(err, &d) && d.Recovery != nil:
		return withHint(err, "run `vaultbar recover` to rebuild it from every copy that is still intact: "+d.Recovery.Summary)
	case errors.Is(err, service.ErrNewerVersion):
		return withHint(err, "update Vaultbar to open it; if no newer Vaultbar ever saved it, the file is damaged: `vaultbar recover` rebuilds the vault from the other copies")
	}
	return err
}
