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
	"runtime/pprof"

	"vaultbar/backend/internal/fakevault"
	"vaultbar/backend/service"
)

func main() {
	home := flag.String("home", "", "the Vaultbar home folder to create the vault in (VAULTBAR_HOME)")
	n := flag.Int("n", 10_000, "about how many records")
	password := flag.String("password", "correct horse battery staple", "the login password of the new vault")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the run to this file (to find what makes large vaults slow)")
	flag.Parse()
	err := profiled(*cpuprofile, func() error { return run(*home, *n, *password) })
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

// profiled runs f, under the CPU profiler when path is set.
func profiled(path string, f func() error) error {
	if path == "" {
		return f()
	}
	out, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create profile: %w", err)
	}
	defer out.Close()
	if err := pprof.StartCPUProfile(out); err != nil {
		return fmt.Errorf("start profile: %w", err)
	}
	defer pprof.StopCPUProfile()
	return f()
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
