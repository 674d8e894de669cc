package main

import (
	"os"
)

// version is set at build time: -ldflags "-X main.version=1.2.3".
var version = "dev"

// command is one entry of the command table.
type command struct {
	name    string
	usage   string // arguments, after "vaultbar <name> "
	summary string // one line for `vaultbar help`
	help    string // more, for `vaultbar help <name>`
	run     func(e *env, args []string) error
}

var commands []command // filled by init to break the cycle with help

// extraCommands are added from other files' init functions (the sync
// engine's sync*.go), so they need not edit this table. They are listed
// after the built-in commands.
var extraCommands []command

// allCommands is every command, in the order help lists them.
func allCommands() []command { return append(commands[:len(commands):len(commands)], extraCommands...) }

func init() {
	commands = []command{
		initCmd, addCmd, editCmd, rmCmd, restoreCmd, purgeCmd, lsCmd, showCmd, searchCmd,
		groupCmd, typeCmd, passwdCmd, backupCmd, recoverCmd, versionCmd, helpCmd,
	}
}

func main() {
	os.Exit(run(newEnv(), os.Args[1:]))
}

// run runs one command line and returns the exit code.
func run(e *env, args []string) int {
	if len(args) == 0 {
		printUsage(e.stderr)
		return exitUsage
	}
	cmd, ok := lookup(args[0])
	if !ok {
		return report(e, usageError("unknown command %q", args[0]).withHint("run `vaultbar help` to see the commands"))
	}
	if wantsHelp(args[1:]) {
		printCommandHelp(e.stdout, cmd)
		return exitOK
	}
	e.command = commandName(args)
	if err := cmd.run(e, args[1:]); err != nil {
		return report(e, inUse(err))
	}
	return exitOK
}

func lookup(name string) (command, bool) {
	for _, c := range allCommands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}
