package service

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// HomeEnv names the environment variable that overrides the data folder,
// for tests, for scripts and for keeping two vaults apart.
const HomeEnv = "VAULTBAR_HOME"

// DefaultHome returns the folder Vaultbar keeps its data in: $VAULTBAR_HOME
// if set, else the OS's place for application data
// (~/Library/Application Support/Vaultbar on macOS, $XDG_DATA_HOME/vaultbar
// or ~/.local/share/vaultbar elsewhere).
func DefaultHome() (string, error) {
	if h := os.Getenv(HomeEnv); h != "" {
		return filepath.Abs(h)
	}
	if runtime.GOOS != "darwin" {
		if x := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(x) {
			return filepath.Join(x, "vaultbar"), nil
		}
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the home folder (set %s): %w", HomeEnv, err)
	}
	if runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Application Support", "Vaultbar"), nil
	}
	return filepath.Join(home, ".local", "share", "vaultbar"), nil
}

// vaultDir is the folder package store keeps the vault file, its journal
// and its backups in.
func vaultDir(home string) string { return filepath.Join(home, "vault") }

func settingsPath(home string) string { return filepath.Join(home, "settings.json") }
