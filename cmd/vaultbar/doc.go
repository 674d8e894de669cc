// Command vaultbar is Vaultbar's command line: the same vault as the menu
// bar app, headless, for terminals and scripts.
//
// Each command is one function in its own file, taking the environment and
// its arguments and returning an error; main prints errors as an "error:"
// line and a "hint:" line and exits with the fixed code of exitcodes.go.
// The vault is unlocked for one command and locked again when it ends.
package main
