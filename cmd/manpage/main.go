// Command manpage writes the CLI's man page to stdout, made from the help
// that the built CLI prints, so that the page and `vaultbar help` agree:
//
//	manpage PATH/TO/vaultbar VERSION DATE > vaultbar.1
package main

import (
	"fmt"
	"os"
	"os/exec"

	"vaultbar/internal/manpage"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: manpage CLI-BINARY VERSION YYYY-MM-DD")
		os.Exit(2)
	}
	cli, version, date := os.Args[1], os.Args[2], os.Args[3]
	usage := help(cli)
	page := manpage.Page{
		Name: "vaultbar", Section: 1, Version: version, Date: date,
		Summary: "a password vault with end-to-end encrypted sync, on the command line",
		Usage:   usage,
	}
	for _, name := range manpage.Commands(usage) {
		page.Commands = append(page.Commands, help(cli, name))
	}
	fmt.Print(page.Roff())
}

// help runs `CLI help [command]` with no vault: help never opens one.
func help(cli string, args ...string) string {
	cmd := exec.Command(cli, append([]string{"help"}, args...)...)
	cmd.Env = append(os.Environ(), "VAULTBAR_HOME="+os.DevNull)
	out, err := cmd.Output()
	if err != nil {
		fmt.Fprintf(os.Stderr, "error: %s help %v: %v\n", cli, args, err)
		os.Exit(1)
	}
	return string(out)
}
