package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"vaultbar/backend/model"
	"vaultbar/backend/service"
)

const backupRestoreUsage = "backup restore <name> [--dry-run] [--yes]"

var backupSubs = []subcommand{
	{"ls", "ls [--json]", runBackupLs},
	{"restore", "restore <name> [--dry-run] [--yes]", runBackupRestore},
}

var backupCmd = command{
	name:    "backup",
	usage:   "backup ls [--json] | " + backupRestoreUsage,
	summary: "list or restore the vault's automatic backups",
	help: `Vaultbar keeps backups of the vault file beside it. ` + "`backup ls`" + ` lists them,
newest first. ` + "`backup restore <name>`" + ` brings every record, group and type back
to how it was in that backup, as new edits: the values they replace stay in
each record's history, records deleted since come back, and records made
since move to the deleted records (` + "`vaultbar ls --deleted`" + `). Sync carries the
restore to your other devices. It first says how many records, groups and
types it changes and asks to go on; --dry-run only says so, --yes does not
ask (for scripts). A vault too damaged to open is replaced by the backup
whole instead, its damaged files kept beside it.`,
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
	p, err := flags{bools: []string{"dry-run", "yes"}}.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 1, 1, backupRestoreUsage); err != nil {
		return err
	}
	svc, pw, err := e.unlockKeeping()
	if pw != nil {
		defer wipe(pw)
	}
	name := p.pos[0]
	var dmg *service.DamagedError
	if errors.As(err, &dmg) {
		return e.replaceDamaged(svc, name, pw, p, err)
	}
	if err != nil {
		return err
	}
	defer svc.Lock()
	return e.restoreAsEdits(svc, name, pw, p)
}

// restoreAsEdits says what restoring changes, asks, and restores.
func (e *env) restoreAsEdits(svc *service.VaultService, name string, pw []byte, p parsed) error {
	sum, err := svc.PreviewRestore(name, pw)
	if err != nil {
		return restoreError(name, err)
	}
	if sum.Total() == 0 && sum.Purged > 0 {
		fmt.Fprintf(e.stdout, "Nothing to restore from backup %s.\n", name)
		printPurgedKept(e.stdout, sum.Purged)
		return nil
	}
	if sum.Total() == 0 {
		fmt.Fprintf(e.stdout, "The vault already is as in backup %s; nothing to restore.\n", name)
		return nil
	}
	printRestore(e.stdout, "Restoring backup "+name+" changes:", sum)
	if p.has("dry-run") {
		fmt.Fprintln(e.stdout, "Nothing was changed (--dry-run).")
		return nil
	}
	if err := e.confirmRestore(p.has("yes")); err != nil {
		return err
	}
	if sum, err = svc.RestoreBackup(name, pw); err != nil {
		return restoreError(name, err)
	}
	fmt.Fprintf(e.stdout, "Restored backup %s: %s, %s and %s changed.\n", name,
		restoreCount(sum.Records.Total(), "record"), restoreCount(sum.Groups.Total(), "group"), restoreCount(sum.Types.Total(), "type"))
	return nil
}

func restoreCount(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// unlockKeeping unlocks the vault and keeps the password, which a restore
// needs again to open the backup. The caller wipes it and locks.
func (e *env) unlockKeeping() (*service.VaultService, []byte, error) {
	svc, err := e.service()
	if err != nil {
		return nil, nil, err
	}
	if !svc.Exists() {
		return nil, nil, service.ErrNoVault
	}
	pw, err := e.password("Login password: ")
	if err != nil {
		return nil, nil, err
	}
	if err := svc.Unlock(pw); err != nil {
		var dmg *service.DamagedError
		if errors.As(err, &dmg) {
			return svc, pw, err // a damaged vault can still be replaced by a backup
		}
		wipe(pw)
		return nil, nil, err
	}
	return svc, pw, nil
}

// replaceDamaged restores a backup into a vault that does not open: the
// backup replaces the vault file whole, the damaged files kept beside it.
func (e *env) replaceDamaged(svc *service.VaultService, name string, pw []byte, p parsed, damage error) error {
	if !hasBackup(svc, name) {
		return restoreError(name, model.ErrNotFound)
	}
	msg, _ := service.Explain(damage)
	fmt.Fprintf(e.stdout, "The vault does not open (%s),\nso restoring replaces it with backup %s as a whole; the damaged files stay beside it as *.damaged-<time>.\n", msg, name)
	if p.has("dry-run") {
		fmt.Fprintln(e.stdout, "Nothing was changed (--dry-run).")
		return nil
	}
	if err := e.confirmRestore(p.has("yes")); err != nil {
		return err
	}
	if err := svc.ReplaceWithBackup(name, pw); err != nil {
		return restoreError(name, err)
	}
	svc.Lock()
	fmt.Fprintf(e.stdout, "Restored the vault from backup %s; the damaged files are kept beside it.\n", name)
	return nil
}

func printRestore(w io.Writer, title string, s service.RestoreSummary) {
	fmt.Fprintln(w, title)
	for _, k := range []struct {
		name string
		c    service.RestoreCounts
	}{{"records", s.Records}, {"groups", s.Groups}, {"types", s.Types}} {
		fmt.Fprintf(w, "  %-8s %d changed, %d restored, %d removed\n", k.name+":", k.c.Changed, k.c.Restored, k.c.Removed)
	}
	fmt.Fprintln(w, "Removed ones move to the deleted records; replaced values stay in each record's history.")
	printPurgedKept(w, s.Purged)
}

// printPurgedKept says that records deleted permanently since the backup
// stay deleted: a restore never brings them back.
func printPurgedKept(w io.Writer, n int) {
	switch {
	case n == 1:
		fmt.Fprintln(w, "1 record deleted permanently since this backup stays deleted.")
	case n > 1:
		fmt.Fprintf(w, "%d records deleted permanently since this backup stay deleted.\n", n)
	}
}

// restoreError words a failed restore, naming the backup once.
func restoreError(name string, err error) error {
	switch {
	case errors.Is(err, model.ErrNotFound):
		return failure(exitNotFound, "there is no backup named %s", name).
			withHint("`vaultbar backup ls` lists the backups; their names look like vault-20261124-101500.vbv")
	case errors.Is(err, service.ErrWrongPassword), errors.Is(err, service.ErrNewerVersion):
		return err
	}
	if _, h := service.Explain(err); h != "" {
		return err
	}
	return withHint(err, "choose another backup from `vaultbar backup ls`")
}

// answerer asks a question on the terminal and reads the typed line.
type answerer interface {
	Answer(prompt string) (string, error)
}

func (t tty) Answer(prompt string) (string, error) {
	fmt.Fprint(t.f, prompt)
	line, err := bufio.NewReader(t.f).ReadString('\n')
	if err != nil && line == "" {
		return "", err
	}
	return strings.TrimSpace(line), nil
}

// confirmRestore asks before a restore, unless yes (--yes) says go on.
func (e *env) confirmRestore(yes bool) error {
	if yes {
		return nil
	}
	t, err := e.tty()
	a, ok := t.(answerer)
	if err != nil || !ok {
		return failure(exitUsage, "restoring a backup needs a confirmation, and there is no terminal to ask on").
			withHint("add --yes to restore without asking, or --dry-run to see the changes only")
	}
	defer t.Close()
	answer, err := a.Answer("Restore this backup? [y/N] ")
	if err != nil {
		return fmt.Errorf("read the answer: %w", err)
	}
	if !strings.EqualFold(answer, "y") && !strings.EqualFold(answer, "yes") {
		return failure(exitGeneral, "nothing was restored: the restore was not confirmed").
			withHint("answer y to restore, or add --yes")
	}
	return nil
}

func hasBackup(svc *service.VaultService, name string) bool {
	bs, _ := svc.Backups()
	for _, b := range bs {
		if b.Name == name {
			return true
		}
	}
	return false
}
