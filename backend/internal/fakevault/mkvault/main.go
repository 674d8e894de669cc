// Command mkvault writes a vault of realistic fake records
// (package fakevault) into a Vaultbar home folder, for measuring
// the app on large vaults (make measure-ui). It refuses a folder that
// already holds a vault.
//
//	go run ./backend/internal/fakevault/mkvault -home DIR -n 10000 -password 'correct horse battery staple'
package main

import (
	"flag"
	"fmt"
	"os"

	"vaultbar/backend/internal/fakevault"
	"vaultbar/backend/service"
)

func main() {
	home := flag.String("home", "", "the Vaultbar home folder to create the vault in (VAULTBAR_HOME)")
	n := flag.Int("n", 10_000, "about how many records")
	password := flag.String("password", "correct horse battery staple", "the login password of the new vault")
	flag.Parse()
	if err := run(*home, *n, *password); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(home string, n int, password string) error {
	if home == "" {
		return fmt.Errorf("-home is required")
	}
	s := service.New(home)
	if s.Exists() {
		return fmt.Errorf("%s already holds a vault", home)
	}
	if err := s.Create([]byte(password)); err != nil {
		return err
	}
	defer s.Lock()
	_, err := s.Apply(fakevault.Records(n, 1))
	return err
}
