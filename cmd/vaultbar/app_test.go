package main

import (
	"context"
	"encoding/json"
	"testing"

	"vaultbar/backend/ipc"
	"vaultbar/backend/service"
)

// The CLI beside the running app: the test plays the app, a service on
// the CLI's data folder serving the socket, and runs the real binary.

type fakeApp struct {
	svc   *service.VaultService
	srv   *ipc.Server
	asks  chan ipc.Ask
	allow bool
}

// runningApp unlocks c's vault in this process, as the app does, and
// serves it; every question is answered with allow.
func runningApp(t *testing.T, c *cli, allow bool) *fakeApp {
	t.Helper()
	a := &fakeApp{svc: service.New(c.home), asks: make(chan ipc.Ask, 16), allow: allow}
	if err := a.svc.Unlock([]byte(password)); err != nil {
		t.Fatal(err)
	}
	sync := service.NewSync(a.svc, service.WithoutBackgroundSync())
	a.srv = ipc.NewServer(a.svc, ipc.Config{Sync: sync, Approve: func(_ context.Context, q ipc.Ask) bool {
		a.asks <- q
		return a.allow
	}})
	if err := a.srv.Listen(c.home); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		a.srv.Close()
		a.svc.Lock()
		sync.Close()
	})
	delete(c.env, "VAULTBAR_PASSWORD") // the app's vault needs none
	return a
}

func TestCommandsThroughTheApp(t *testing.T) {
	c := initialised(t)
	c.ok("add", "login", "GitHub", "username=alice", "password=hunter2")
	app := runningApp(t, c, true)

	out := c.ok("add", "login", "Mail", "username=bob", "password=s3cret")
	wantIn(t, "add", out, `Added Login "Mail"`)
	if q := <-app.asks; q.Command != "vaultbar add" {
		t.Errorf("the app was asked about %q, want the command without its arguments", q.Command)
	}
	if _, err := app.svc.Find("Mail"); err != nil {
		t.Fatalf("the record added through the app is not in the app's vault: %v", err)
	}
	var list []listEntry
	if err := json.Unmarshal([]byte(c.ok("ls", "--json")), &list); err != nil || len(list) != 2 {
		t.Fatalf("ls --json = %v (%v)", list, err)
	}
	shown := c.ok("show", "GitHub")
	wantIn(t, "show", shown, "alice", mask)
	wantNotIn(t, "show", shown, "hunter2")
	wantIn(t, "show --reveal", c.ok("show", "GitHub", "--reveal"), "hunter2")
	wantIn(t, "search", c.ok("search", "mail"), "Mail")
	c.ok("edit", "Mail", "username=carol")
	if r, _ := app.svc.Find("Mail"); r.Fields[0].Value != "carol" {
		t.Errorf("edit through the app: %+v", r.Fields)
	}
	c.ok("rm", "Mail")
	if _, err := app.svc.Find("Mail"); err == nil {
		t.Error("rm through the app left the record")
	}
	wantIn(t, "sync status", c.ok("sync", "status"), "Sync is off on this device.")
	c.fails(exitNotFound, "", "`vaultbar ls` lists the records", "show", "Nothing")
	c.ok("add", "login", "GitLab")
	c.fails(exitAmbiguous, `"Git" matches 2 records`, "use more of the name", "show", "Git")
}

func TestAppDeniesTheTerminal(t *testing.T) {
	c := initialised(t)
	runningApp(t, c, false)
	c.fails(exitDenied, "the Vaultbar app did not allow this terminal", "choose Allow", "ls")
	c.fails(exitDenied, "did not allow", "Allow", "add", "login", "X")
	c.env["VAULTBAR_PASSWORD"] = password
	if _, err := service.New(c.home).Find("X"); err == nil {
		t.Error("a denied add changed the vault")
	}
}

func TestLockedAppRefuses(t *testing.T) {
	c := initialised(t)
	app := runningApp(t, c, true)
	app.svc.Lock()
	c.fails(exitAppLocked, "Vaultbar is open and locked", "unlock it in the Vaultbar window", "ls")
	if len(app.asks) != 0 {
		t.Error("a locked app asked the user")
	}
}

func TestLocalOnlyCommandWhileAppRuns(t *testing.T) {
	c := initialised(t)
	runningApp(t, c, true)
	c.env["VAULTBAR_PASSWORD"] = password
	c.env["VAULTBAR_NEW_PASSWORD"] = "another long password here"
	c.fails(exitInUse, "can't run while the Vaultbar app is open", "quit the app", "passwd")
}

func TestCommandName(t *testing.T) {
	for in, want := range map[string][]string{
		"vaultbar ls":          {"ls", "--json"},
		"vaultbar add":         {"add", "login", "X", "password=secret"},
		"vaultbar sync status": {"sync", "status"},
		"vaultbar group":       {"group", "--help"},
	} {
		if got := commandName(want); got != in {
			t.Errorf("commandName(%q) = %q, want %q", want, got, in)
		}
	}
}
