package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"vaultbar/backend/ipc"
	"vaultbar/backend/service"
	"vaultbar/backend/syncer"
	"vaultbar/backend/syncfolder"
)

// Exit codes of sync. Like the others, never renumbered.
const (
	exitWrongSyncPassword = 11 // the cloud sync password is not the one set on the other devices
	exitSyncNewerFormat   = 12 // the sync data needs a newer Vaultbar
	exitSyncNeedsPassword = 13 // the cloud sync password was changed on another device
	exitSyncNotSetUp      = 14 // sync is not set up on this device
	exitSyncFailed        = 17 // sync status: the sync folder can't be read or written
)

// Environment variables of sync.
const (
	envSyncPassword    = "VAULTBAR_SYNC_PASSWORD"     // the cloud sync password, for setup and enter
	envNewSyncPassword = "VAULTBAR_NEW_SYNC_PASSWORD" // the new one, for password change
)

// syncTimeout bounds one sync or setup from the command line; flushTimeout
// how long watch waits for the last edits when stopped.
const (
	syncTimeout  = 2 * time.Minute
	flushTimeout = 5 * time.Second
)

const syncUsage = "sync setup|now|status|clean|auto|password|off|watch ..."

var syncCmd = command{
	name:    "sync",
	usage:   syncUsage,
	summary: "set up and run cloud sync with iCloud Drive or a synced folder",
	help: `  vaultbar sync setup --provider icloud|folder [--dir PATH]
  vaultbar sync now
  vaultbar sync status [--json]
  vaultbar sync clean
  vaultbar sync auto on|off
  vaultbar sync password change|reveal|enter
  vaultbar sync off
  vaultbar sync watch

Sync keeps your devices in step through an end-to-end encrypted folder that
iCloud Drive (--provider icloud) or another service (--provider folder --dir
PATH: Dropbox, Syncthing, a network share) copies between them. The sync data
is encrypted with the cloud sync password, the same on every device and
separate from the login password. It can't be recovered: forget it and the
sync data can't be read. Sync is no replacement for backups.

setup finds out whether another device already set up the location: if not,
it asks for a new cloud sync password (typed twice, its strength shown);
if so, for the existing one, which is checked before anything is written.
VAULTBAR_SYNC_PASSWORD gives it instead of a prompt. Auto-sync is on.

The password is kept in the macOS Keychain or the Secret Service keyring
(service "Vaultbar Cloud Sync"), or in the encrypted vault where there is
no keyring; "password reveal" prints it. "password change" sets a new one
for every device (VAULTBAR_NEW_SYNC_PASSWORD); the others then say they need
it, and "password enter" gives it to them. A change revokes the old password:
whoever still knows it reads nothing written after the change, and nothing
written with it afterwards is accepted; "password enter" and setup refuse
it. status syncs first, so it says what is true now; it exits 13 when the
password was changed elsewhere, 12 when the sync data needs a newer Vaultbar
and 17 when the sync folder can't be read or written. clean moves files in
the sync folder that no device of yours wrote (the status counts them as
ignored) into a dated folder beside it; nothing is deleted. watch stays
running, syncing after edits and when the
folder changes, until interrupted; it publishes the last edits before it
exits. off stops syncing on this device and removes the password from it;
the sync folder stays for the other devices.`,
	run: runSync,
}

var syncSubs = []subcommand{
	{"setup", "setup --provider icloud|folder [--dir PATH]", runSyncSetup},
	{"now", "now", runSyncNow},
	{"status", "status [--json]", runSyncStatus},
	{"clean", "clean", runSyncClean},
	{"auto", "auto on|off", runSyncAuto},
	{"password", "password change|reveal|enter", runSyncPassword},
	{"off", "off", runSyncOff},
	{"watch", "watch", runSyncWatch},
}

func init() {
	extraCommands = append(extraCommands, syncCmd)
	exitCodeHooks = append(exitCodeHooks, syncExitCode)
}

func runSync(e *env, args []string) error { return dispatch(e, "sync", syncSubs, args) }

func syncExitCode(err error) (int, bool) {
	switch {
	case errors.Is(err, syncer.ErrWrongSyncPassword):
		return exitWrongSyncPassword, true
	case errors.Is(err, syncer.ErrNewerFormat):
		return exitSyncNewerFormat, true
	case errors.Is(err, syncer.ErrNeedsPassword):
		return exitSyncNeedsPassword, true
	case errors.Is(err, syncer.ErrNotSetUp):
		return exitSyncNotSetUp, true
	case errors.Is(err, syncfolder.ErrOutsideFolder), errors.Is(err, syncfolder.ErrUnavailable):
		return exitSyncFailed, true
	}
	return 0, false
}

// withSync unlocks the vault, runs fn with its sync service and locks it
// again, which publishes any edits not yet synced. Background syncing
// (on unlock, after edits, on folder changes) is only for watch.
func (e *env) withSync(background bool, fn func(s *service.SyncService) error) error {
	svc, err := e.unlock()
	if err != nil {
		return err
	}
	if _, err := svc.Settings(); err != nil { // a damaged settings.json: set aside, said once
		svc.Lock()
		return err
	}
	var opts []service.SyncOption
	if !background {
		opts = append(opts, service.WithoutBackgroundSync())
	}
	s := service.NewSync(svc, opts...)
	defer func() {
		svc.Lock()
		s.Close()
	}()
	return fn(s)
}

func noArgs(args []string, usage string) (parsed, error) {
	p, err := flags{}.parse(args)
	if err != nil {
		return p, err
	}
	return p, needArgs(p, 0, 0, usage)
}

func syncContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), syncTimeout)
}

// syncPassword returns envName's value or asks once.
func (e *env) syncPassword(envName, prompt string) ([]byte, error) {
	if pw := e.getenv(envName); pw != "" {
		return []byte(pw), nil
	}
	return e.prompt(prompt, envName)
}

const cantRecover = "The cloud sync password can't be recovered: if it is forgotten, the sync data can't be read. Sync is no replacement for backups; keep your own."

func runSyncSetup(e *env, args []string) error {
	const usage = "sync setup --provider icloud|folder [--dir PATH]"
	p, err := flags{strings: []string{"provider", "dir"}}.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 0, 0, usage); err != nil {
		return err
	}
	provider, ok := p.last("provider")
	if !ok {
		return usageError("sync setup needs --provider icloud or --provider folder").withHint("usage: vaultbar " + usage)
	}
	dir, _ := p.last("dir")
	if provider == "folder" && dir == "" {
		return usageError("--provider folder needs --dir PATH, the folder to sync with").withHint("usage: vaultbar " + usage)
	}
	loc, err := service.SyncLocation(provider, dir)
	if err != nil {
		return err
	}
	return e.withSync(false, func(s *service.SyncService) error {
		existing, err := s.Probe(provider, dir)
		if err != nil {
			return err
		}
		var pw []byte
		if existing {
			fmt.Fprintf(e.stderr, "Found Vaultbar sync data in %s: enter the existing cloud sync password, the one set on your other devices.\n", loc.Place())
			pw, err = e.syncPassword(envSyncPassword, "Existing cloud sync password: ")
		} else {
			fmt.Fprintf(e.stderr, "No Vaultbar sync data in %s yet: set a new cloud sync password. Every device that syncs needs it.\n", loc.Place())
			fmt.Fprintln(e.stderr, cantRecover)
			pw, err = e.newPassword(envSyncPassword, "New cloud sync password")
		}
		if err != nil {
			return err
		}
		defer wipe(pw)
		ctx, cancel := syncContext()
		defer cancel()
		existing, err = s.Setup(ctx, provider, dir, string(pw))
		if err != nil {
			return err
		}
		if existing {
			fmt.Fprintf(e.stdout, "Joined the sync data in %s with the existing cloud sync password.\n", loc.Place())
		} else {
			fmt.Fprintf(e.stdout, "Set a new cloud sync password for %s.\n", loc.Place())
		}
		fmt.Fprintf(e.stdout, "Auto-sync is on. The cloud sync password is kept in %s.\n", s.PasswordStore())
		printSyncStatus(e, s.Status())
		return nil
	})
}

func runSyncNow(e *env, args []string) error {
	if _, err := noArgs(args, "sync now"); err != nil {
		return err
	}
	return e.withSyncOps(func(s ipc.Sync) error {
		ctx, cancel := syncContext()
		defer cancel()
		if err := s.SyncNow(ctx); err != nil {
			return err
		}
		printSyncStatus(e, s.Status())
		return nil
	})
}

// syncReport is sync status --json.
type syncReport struct {
	Provider      string        `json:"provider"` // none | icloud | folder
	Folder        string        `json:"folder,omitempty"`
	PasswordStore string        `json:"passwordStore,omitempty"`
	Status        syncer.Status `json:"status"`
}

func runSyncStatus(e *env, args []string) error {
	p, err := flags{bools: []string{"json"}}.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 0, 0, "sync status [--json]"); err != nil {
		return err
	}
	return e.withSyncOps(func(s ipc.Sync) error {
		loc := s.Location()
		var syncErr error
		if loc.Configured() {
			syncErr = settledSync(s)
		}
		st := s.Status()
		failed := statusError(st, syncErr)
		r := syncReport{Provider: string(loc.Provider), Folder: loc.Folder, Status: st}
		if loc.Configured() {
			r.PasswordStore = s.PasswordStore()
		}
		if p.has("json") {
			if err := writeJSON(e.stdout, r); err != nil {
				return err
			}
			return failed
		}
		if !loc.Configured() {
			fmt.Fprintln(e.stdout, "Sync is off on this device.")
			fmt.Fprintln(e.stdout, "Set it up with `vaultbar sync setup --provider icloud` or `--provider folder --dir PATH`.")
			return nil
		}
		rows := [][]string{
			{"Syncing with:", loc.Place()},
			{"Status:", st.Message},
			{"Auto-sync:", onOff(st.Auto)},
			{"Last sync:", when(st.LastSync)},
			{"Password kept in:", r.PasswordStore},
		}
		if err := table(e.stdout, rows); err != nil {
			return err
		}
		for _, w := range st.Warnings {
			fmt.Fprintf(e.stdout, "Warning: %s\n", w)
		}
		if hint := statusHint(st); hint != "" && failed == nil {
			fmt.Fprintf(e.stdout, "hint: %s\n", hint)
		}
		return failed
	})
}

// settledSync syncs until problems (files that fail to open, a device's
// files gone back in time) have persisted long enough to be reported, as
// they are in the app, which keeps syncing: a file seen failing once may
// still be arriving.
func settledSync(s ipc.Sync) error {
	ctx, cancel := syncContext()
	defer cancel()
	for range syncer.ProblemScans {
		if err := s.SyncNow(ctx); err != nil {
			return err // what went wrong is in the status too
		}
	}
	return nil
}

// statusError is what sync status exits with: nothing while sync works,
// else the reason it does not, so scripts can tell from the exit code.
func statusError(st syncer.Status, err error) error {
	switch {
	case st.State == syncer.StateNeedsPassword:
		return syncer.ErrNeedsPassword
	case st.State != syncer.StateError:
		return nil
	case st.Reason == syncer.ReasonNewerFormat:
		return syncer.ErrNewerFormat
	case err == nil:
		err = errors.New(strings.TrimSuffix(st.Message, "."))
	}
	return &cliError{msg: err.Error(), code: exitSyncFailed, err: err}
}

func runSyncClean(e *env, args []string) error {
	if _, err := noArgs(args, "sync clean"); err != nil {
		return err
	}
	return e.withSync(false, func(s *service.SyncService) error {
		ctx, cancel := syncContext()
		defer cancel()
		c, err := s.CleanUp(ctx)
		if err != nil {
			return err
		}
		if len(c.Moved) == 0 {
			fmt.Fprintln(e.stdout, "Nothing to clean up: every file in the sync folder was written by a device of yours.")
		} else {
			fmt.Fprintf(e.stdout, "Moved %s that no device of yours wrote out of the sync folder, into %s. Nothing was deleted.\n", plural(len(c.Moved), "file"), c.Dir)
		}
		printSyncStatus(e, s.Status())
		return nil
	})
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func statusHint(st syncer.Status) string {
	switch st.Reason {
	case syncer.ReasonPasswordChanged:
		return "enter the new cloud sync password with `vaultbar sync password enter`"
	case syncer.ReasonNewerFormat:
		return "update Vaultbar on this device to keep syncing"
	}
	return ""
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// printSyncStatus prints the status sentence and any warnings.
func printSyncStatus(e *env, st syncer.Status) {
	fmt.Fprintln(e.stdout, st.Message)
	for _, w := range st.Warnings {
		fmt.Fprintf(e.stdout, "Warning: %s\n", w)
	}
}

func runSyncAuto(e *env, args []string) error {
	const usage = "sync auto on|off"
	p, err := flags{}.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 1, 1, usage); err != nil {
		return err
	}
	on := p.pos[0] == "on"
	if !on && p.pos[0] != "off" {
		return usageError("expected on or off, not %q", p.pos[0]).withHint("usage: vaultbar " + usage)
	}
	return e.withSync(false, func(s *service.SyncService) error {
		if err := s.SetAuto(on); err != nil {
			return err
		}
		if on {
			fmt.Fprintln(e.stdout, "Auto-sync is on: Vaultbar syncs shortly after every change while it runs.")
		} else {
			fmt.Fprintln(e.stdout, "Auto-sync is off: changes sync when you sync now.")
		}
		return nil
	})
}

var syncPasswordSubs = []subcommand{
	{"change", "change", runSyncPasswordChange},
	{"reveal", "reveal", runSyncPasswordReveal},
	{"enter", "enter", runSyncPasswordEnter},
}

func runSyncPassword(e *env, args []string) error {
	return dispatch(e, "sync password", syncPasswordSubs, args)
}

func runSyncPasswordChange(e *env, args []string) error {
	if _, err := noArgs(args, "sync password change"); err != nil {
		return err
	}
	return e.withSync(false, func(s *service.SyncService) error {
		fmt.Fprintln(e.stderr, cantRecover)
		pw, err := e.newPassword(envNewSyncPassword, "New cloud sync password")
		if err != nil {
			return err
		}
		defer wipe(pw)
		ctx, cancel := syncContext()
		defer cancel()
		if err := s.ChangePassword(ctx, string(pw)); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, "Changed the cloud sync password. Your other devices ask for the new one at their next sync;")
		fmt.Fprintln(e.stdout, "the old one no longer reads what is written from now on, and what it writes is not accepted.")
		return nil
	})
}

func runSyncPasswordReveal(e *env, args []string) error {
	if _, err := noArgs(args, "sync password reveal"); err != nil {
		return err
	}
	return e.withSync(false, func(s *service.SyncService) error {
		pw, err := s.RevealPassword()
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, pw)
		return nil
	})
}

func runSyncPasswordEnter(e *env, args []string) error {
	if _, err := noArgs(args, "sync password enter"); err != nil {
		return err
	}
	return e.withSync(false, func(s *service.SyncService) error {
		pw, err := e.syncPassword(envSyncPassword, "Cloud sync password (the new one, set on another device): ")
		if err != nil {
			return err
		}
		defer wipe(pw)
		ctx, cancel := syncContext()
		defer cancel()
		if err := s.EnterPassword(ctx, string(pw)); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, "Syncing again with the new cloud sync password.")
		printSyncStatus(e, s.Status())
		return nil
	})
}

func runSyncOff(e *env, args []string) error {
	if _, err := noArgs(args, "sync off"); err != nil {
		return err
	}
	return e.withSync(false, func(s *service.SyncService) error {
		loc := s.Location()
		if !loc.Configured() {
			fmt.Fprintln(e.stdout, "Sync is already off on this device.")
			return nil
		}
		store := s.PasswordStore()
		if err := s.Off(); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Sync is off on this device; the cloud sync password was removed from %s.\n", store)
		fmt.Fprintf(e.stdout, "The sync data stays in %s for your other devices.\n", loc.Place())
		return nil
	})
}

func runSyncWatch(e *env, args []string) error {
	if _, err := noArgs(args, "sync watch"); err != nil {
		return err
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	return e.withSync(true, func(s *service.SyncService) error {
		if !s.Location().Configured() {
			return syncer.ErrNotSetUp
		}
		last := ""
		lines := make(chan string, 16)
		say := func(st syncer.Status) {
			line := st.Message
			if len(st.Warnings) > 0 {
				line += " Warning: " + strings.Join(st.Warnings, "; ")
			}
			select {
			case lines <- line:
			default: // a slow terminal skips a line, never blocks a sync
			}
		}
		defer s.Subscribe(say)()
		fmt.Fprintf(e.stderr, "Watching %s; stop with Ctrl+C.\n", s.Location().Place())
		say(s.Status())
		for {
			select {
			case line := <-lines:
				if line != last && line != "" {
					fmt.Fprintln(e.stdout, line)
					last = line
				}
			case sig := <-sigs:
				fmt.Fprintf(e.stderr, "Stopping (%v): publishing the last edits…\n", sig)
				ctx, cancel := context.WithTimeout(context.Background(), flushTimeout)
				defer cancel()
				if err := s.Flush(ctx); err != nil {
					fmt.Fprintf(e.stderr, "The last edits were not published (%s); they sync next time.\n", explainOnly(err))
				}
				return nil
			}
		}
	})
}

func explainOnly(err error) string {
	msg, _ := explain(err)
	return msg
}
