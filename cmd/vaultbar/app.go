package main

import (
	"errors"
	"strings"

	"vaultbar/backend/ipc"
	"vaultbar/backend/service"
)

// vault is what the record, group and type commands work on: the vault
// opened here (*service.VaultService) or the running app's (*ipc.Client),
// so each command has one implementation for both.
type vault = ipc.Vault

// Exit codes of the CLI beside the running app (see exitcodes.go): never
// renumbered.
const (
	exitAppLocked = 15 // the app is running and locked
	exitDenied    = 16 // the app did not allow this terminal
)

func init() { exitCodeHooks = append(exitCodeHooks, appExitCode) }

func appExitCode(err error) (int, bool) {
	switch {
	case errors.Is(err, ipc.ErrAppLocked), errors.Is(err, service.ErrVaultLocked):
		return exitAppLocked, true
	case errors.Is(err, ipc.ErrDenied):
		return exitDenied, true
	case errors.Is(err, ipc.ErrUnsupported):
		return exitInUse, true
	}
	return 0, false
}

// commandName is what the app shows when it asks about this command:
// its name, and the subcommand of those that have one, never an argument
// (one may be a secret: password=...).
func commandName(args []string) string {
	name := []string{"vaultbar"}
	if len(args) > 0 {
		name = append(name, args[0])
		if _, ok := subcommanded[args[0]]; ok && len(args) > 1 && !strings.HasPrefix(args[1], "-") {
			name = append(name, args[1])
		}
	}
	return strings.Join(name, " ")
}

var subcommanded = map[string]bool{"group": true, "type": true, "sync": true, "backup": true}

// app connects to the running app, which asks the user to allow this
// terminal; nil (and no error) when the app is not running.
func (e *env) app() (*ipc.Client, error) {
	home, err := dataHome()
	if err != nil {
		return nil, err
	}
	c, err := ipc.Dial(home, e.command)
	if errors.Is(err, ipc.ErrNotRunning) {
		return nil, nil
	}
	return c, err
}

// withVault runs fn on the running app's vault, or else on the vault
// opened here, locked again afterwards.
func (e *env) withVault(fn func(v vault) error) error {
	c, err := e.app()
	if err != nil {
		return err
	}
	if c != nil {
		defer c.Close()
		return fn(c)
	}
	svc, err := e.unlock()
	if err != nil {
		return err
	}
	defer svc.Lock()
	return fn(svc)
}

// withLocalVault runs fn on the vault opened here, locked again
// afterwards: for commands the running app does not serve (import,
// export), which then say the app has the vault.
func (e *env) withLocalVault(fn func(svc *service.VaultService) error) error {
	svc, err := e.unlock()
	if err != nil {
		return err
	}
	defer svc.Lock()
	return fn(svc)
}

// withSyncOps runs fn on the running app's sync, or else on a sync
// service of the vault opened here. A failure of the app that Sync's
// signatures can't return is returned after fn.
func (e *env) withSyncOps(fn func(s ipc.Sync) error) error {
	c, err := e.app()
	if err != nil {
		return err
	}
	if c == nil {
		return e.withSync(false, func(s *service.SyncService) error { return fn(s) })
	}
	defer c.Close()
	if err := fn(c); err != nil {
		return err
	}
	return c.Err()
}

// inUse explains a vault another process holds: when it is the app, the
// command is one the app does not serve (passwd, backup, sync setup...).
func inUse(err error) error {
	if !errors.Is(err, service.ErrInUse) {
		return err
	}
	if home, herr := service.DefaultHome(); herr == nil && ipc.Running(home) {
		return ipc.ErrUnsupported
	}
	return err
}
