// Package manpage turns the CLI's help text into a man page (roff), so the
// page says exactly what `vaultbar help` says and can't drift from it. The
// Linux package (scripts/package-deb.sh) installs it as vaultbar(1);
// cmd/manpage is the program that asks the built CLI for its help.
package manpage
