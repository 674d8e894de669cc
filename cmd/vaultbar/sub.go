package main

import "strings"

// subcommand dispatches "vaultbar <parent> <sub> ..." over a small table.
type subcommand struct {
	name, usage string
	run         func(e *env, args []string) error
}

func dispatch(e *env, parent string, subs []subcommand, args []string) error {
	if len(args) == 0 {
		return usageError("%s needs a subcommand", parent).withHint("usage: " + subUsage(parent, subs))
	}
	for _, s := range subs {
		if s.name == args[0] {
			return s.run(e, args[1:])
		}
	}
	return usageError("unknown subcommand %q of %s", args[0], parent).withHint("usage: " + subUsage(parent, subs))
}

func subUsage(parent string, subs []subcommand) string {
	parts := make([]string, len(subs))
	for i, s := range subs {
		parts[i] = "vaultbar " + parent + " " + s.usage
	}
	return strings.Join(parts, " | ")
}
