package main

var exportCmd = command{
	name:    "export",
	usage:   "export --format vaultbar|kdbx|keepass-xml|csv|bitwarden-json --output FILE [--yes]",
	summary: "export the vault to a file",
	run:     func(e *env, args []string) error { return usageError("export is not ready yet") },
}
