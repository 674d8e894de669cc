package main

import (
	"fmt"
	"io"
	"strings"
)

const helpUsage = "help [command]"

var helpCmd = command{
	name:    "help",
	usage:   helpUsage,
	summary: "show help for vaultbar or a command",
	run:     runHelp,
}

func runHelp(e *env, args []string) error {
	pos, err := positional(args, min(len(args), 1), helpUsage)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		printUsage(e.stdout)
		return nil
	}
	cmd, ok := lookup(pos[0])
	if !ok {
		return usageError("unknown command %q", pos[0]).withHint("run `vaultbar help` to see the commands")
	}
	printCommandHelp(e.stdout, cmd)
	return nil
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: vaultbar <command> [arguments]")
	fmt.Fprintln(w, "\nCommands:")
	rows := [][]string{}
	for _, c := range allCommands() {
		rows = append(rows, []string{"  " + c.name, c.summary})
	}
	table(w, rows)
	fmt.Fprint(w, `
Names of records, groups and types ignore case; a record may also be named
by its id or a unique start of its name. Flags may come before or after the
arguments.

Environment:
  VAULTBAR_HOME          the data folder (default: the OS's app data folder)
  VAULTBAR_PASSWORD      the login password, instead of a prompt
  VAULTBAR_NEW_PASSWORD  the new login password for passwd
  VAULTBAR_SYNC_PASSWORD      the cloud sync password for sync setup and
                              sync password enter
  VAULTBAR_NEW_SYNC_PASSWORD  the new one for sync password change

Exit codes:
  0 ok, 1 other error, 2 usage, 3 wrong password, 4 not found,
  5 vault open in another Vaultbar, 6 ambiguous name, 7 invalid input or
  refused change, 8 vault damaged, 9 needs a newer Vaultbar, 10 no vault yet,
  11 wrong cloud sync password, 12 sync data needs a newer Vaultbar,
  13 cloud sync password changed on another device, 14 sync not set up,
  15 the app is running and locked, 16 the app did not allow this terminal,
  17 sync folder can't be read or written,
  20-25 import and export (see "vaultbar help import")

Run "vaultbar help <command>" for more about a command.
`)
}

func printCommandHelp(w io.Writer, c command) {
	fmt.Fprintf(w, "Usage: vaultbar %s\n\n%s\n", c.usage, capitalize(c.summary)+".")
	if c.help != "" {
		fmt.Fprintf(w, "\n%s\n", c.help)
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
