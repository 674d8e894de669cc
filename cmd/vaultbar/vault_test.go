package main

import (
	"encoding/json"
	"testing"
)

func TestGroups(t *testing.T) {
	c := initialised(t)
	c.ok("group", "add", "Work")
	c.fails(exitInvalid, `a group named "work": already exists`, "another name", "group", "add", "work")
	c.ok("add", "login", "GitHub", "--group", "work")
	c.ok("group", "rename", "work", "Office")
	wantIn(t, "show after rename", c.ok("show", "github"), "Office")
	var gs []groupEntry
	if err := json.Unmarshal([]byte(c.ok("group", "ls", "--json")), &gs); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, g := range gs {
		found = found || (g.Name == "Office" && g.Records == 1)
	}
	if !found {
		t.Errorf("group ls --json = %+v, want Office with 1 record", gs)
	}
	wantIn(t, "group rm", c.ok("group", "rm", "office"), `Deleted group "Office"; its 1 record(s) stay`)
	wantIn(t, "ls after group rm", c.ok("ls"), "GitHub")
	wantNotIn(t, "group ls", c.ok("group", "ls"), "Office")
	c.fails(exitUsage, "group needs a subcommand", "vaultbar group add", "group")
}

func TestTypes(t *testing.T) {
	c := initialised(t)
	wantIn(t, "type add", c.ok("type", "add", "Router", "Admin URL:url", "Username:text", "Password:secret"),
		`Added type "Router" with fields: Admin URL, Username, Password`)
	c.fails(exitInvalid, `unknown field kind "colour"`, "kinds: text, secret", "type", "add", "Car", "Paint:colour")
	c.fails(exitUsage, `field "Plate" has no kind`, "label:kind", "type", "add", "Car", "Plate")
	wantIn(t, "type show", c.ok("type", "show", "router"), "Admin URL", "url", "Password", "secret")

	c.ok("add", "router", "Home router", "admin url=http://192.168.1.1", "password=r0uter")
	c.ok("add", "router", "Office router", "username=admin")
	c.fails(exitInvalid, `2 record(s) use the type "Router"`, "--force", "type", "rm", "router")
	out := c.ok("type", "rm", "router", "--force")
	wantIn(t, "type rm --force", out, `Deleted type "Router"`, "2 record(s) keep their values")
	shown := c.ok("show", "home router", "--reveal")
	wantIn(t, "record of a deleted type", shown, "Router (deleted type)", "http://192.168.1.1", "r0uter")

	var ts []typeEntry
	if err := json.Unmarshal([]byte(c.ok("type", "ls", "--json")), &ts); err != nil || len(ts) == 0 {
		t.Fatalf("type ls --json = %v, %v", ts, err)
	}
	for _, ty := range ts {
		if ty.Name == "Router" {
			t.Error("deleted type still listed")
		}
	}
}

func TestPasswordsAndExitCodes(t *testing.T) {
	c := initialised(t)
	c.ok("add", "login", "GitHub")
	c.fails(exitInvalid, "already exists", "VAULTBAR_HOME", "init")

	c.env["VAULTBAR_NEW_PASSWORD"] = "another long passphrase 42"
	wantIn(t, "passwd", c.ok("passwd"), "Changed the login password")
	delete(c.env, "VAULTBAR_NEW_PASSWORD")

	r := c.fails(exitWrongPassword, "the login password is not right", "Caps Lock", "ls")
	if r.stdout != "" {
		t.Errorf("wrong password printed to stdout: %q", r.stdout)
	}
	c.env["VAULTBAR_PASSWORD"] = "another long passphrase 42"
	wantIn(t, "ls with the new password", c.ok("ls"), "GitHub")

	delete(c.env, "VAULTBAR_PASSWORD")
	c.fails(exitGeneral, "no terminal", "set VAULTBAR_PASSWORD", "ls")

	fresh := newCLI(t)
	fresh.fails(exitNoVault, "there is no vault here yet", "vaultbar init", "ls")
	fresh.env["VAULTBAR_PASSWORD"] = "abc"
	fresh.fails(exitInvalid, "too easy to guess", "passphrase", "init")
}

func TestHelpAndVersion(t *testing.T) {
	c := newCLI(t)
	h := c.ok("help")
	wantIn(t, "help", h, "init", "passwd", "backup", "Exit codes", "VAULTBAR_PASSWORD")
	wantIn(t, "help rm", c.ok("help", "rm"), "restore")
	wantIn(t, "rm --help", c.ok("rm", "--help"), "Usage: vaultbar rm")
	wantIn(t, "version", c.ok("version"), "vaultbar ")
	r := c.run()
	if r.code != exitUsage || r.stderr == "" {
		t.Errorf("no arguments: exit %d, stderr %q", r.code, r.stderr)
	}
}
