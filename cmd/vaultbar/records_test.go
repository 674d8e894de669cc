package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestInitAddListShow(t *testing.T) {
	c := newCLI(t)
	r := c.run("init")
	if r.code != 0 {
		t.Fatalf("init: %d %s", r.code, r.stderr)
	}
	wantIn(t, "init stdout", r.stdout, "Created a vault in "+c.home)
	wantIn(t, "init stderr", r.stderr, "Password strength:")

	c.ok("add", "login", "GitHub", "Username=alice", "password=hunter2-very-secret", "website=https://github.com", "--group", "Personal", "--favorite")
	c.ok("add", "--notes", "home network", "wifi", "Home Wi-Fi", "network name=homenet", "password=wifi-secret")

	ls := c.ok("ls")
	wantIn(t, "ls", ls, "NAME", "GitHub *", "Login", "alice", "Home Wi-Fi", "Wi-Fi", "homenet")
	wantNotIn(t, "ls", ls, "hunter2", "wifi-secret")

	var entries []listEntry
	if err := json.Unmarshal([]byte(c.ok("ls", "--json")), &entries); err != nil || len(entries) != 2 {
		t.Fatalf("ls --json = %v, %v", entries, err)
	}
	if entries[0].Name != "GitHub" || entries[0].TypeName != "Login" || !entries[0].Favorite || entries[0].Detail != "alice" {
		t.Errorf("ls --json first entry = %+v", entries[0])
	}
	wantIn(t, "ls --type wifi", c.ok("ls", "--type", "wi-fi"), "Home Wi-Fi")
	wantNotIn(t, "ls --favorites", c.ok("ls", "--favorites"), "Home Wi-Fi")
	wantNotIn(t, "ls --group personal", c.ok("ls", "--group", "personal"), "Home Wi-Fi")

	masked := c.run("show", "github")
	wantIn(t, "show", masked.stdout, "Name:", "GitHub", "Username:", "alice", "Password:", "********", "Groups:", "Personal")
	wantNotIn(t, "show", masked.stdout, "hunter2")
	wantIn(t, "show stderr", masked.stderr, "--reveal")
	wantIn(t, "show --reveal", c.ok("show", "--reveal", "GitHub"), "hunter2-very-secret")

	var rec recordView
	if err := json.Unmarshal([]byte(c.ok("show", "github", "--json")), &rec); err != nil {
		t.Fatal(err)
	}
	for _, f := range rec.Fields {
		if f.Label == "Password" && (f.Value != mask || !f.Masked) {
			t.Errorf("show --json password field = %+v, want masked", f)
		}
	}
}

func TestSearchEditHistory(t *testing.T) {
	c := initialised(t)
	c.ok("add", "login", "GitHub", "username=alice", "password=first-secret")
	c.ok("add", "login", "GitLab", "username=bob")
	c.ok("add", "secure-note", "Recipes", "note=grandma's soup")

	s := c.ok("search", "alice")
	wantIn(t, "search alice", s, "GitHub")
	wantNotIn(t, "search alice", s, "GitLab")
	wantNotIn(t, "search for a secret", c.ok("search", "first-secret"), "GitHub")
	var found []listEntry
	if err := json.Unmarshal([]byte(c.ok("search", "git", "--json")), &found); err != nil || len(found) != 2 {
		t.Fatalf("search --json = %v, %v", found, err)
	}

	c.ok("edit", "github", "password=second-secret", "--name", "GitHub (work)", "--notes", "2FA on")
	shown := c.ok("show", "GitHub (work)", "--reveal", "--history")
	wantIn(t, "show after edit", shown, "second-secret", "2FA on", "Earlier values", "first-secret", "GitHub")
	masked := c.ok("show", "GitHub (work)", "--history")
	wantNotIn(t, "show --history without --reveal", masked, "first-secret")

	c.ok("edit", "GitHub (work)", "password=")
	wantNotIn(t, "show after clearing", c.ok("show", "GitHub (work)", "--reveal"), "Password:")
}

func TestFieldAndNameErrors(t *testing.T) {
	c := initialised(t)
	c.ok("add", "login", "GitHub", "username=alice")
	c.ok("add", "login", "GitLab", "username=bob")

	c.fails(exitInvalid, `the Login type has no field "usr"`, "Username, Password, Website, One-Time Password",
		"add", "login", "Example", "usr=carol")
	c.fails(exitUsage, `unexpected argument "carol"`, "label=value", "add", "login", "Example", "carol")
	r := c.fails(exitAmbiguous, `"git" matches 2 records`, "more of the name", "show", "git")
	wantIn(t, "ambiguous error", r.stderr, "GitHub (Login, id ", "GitLab (Login, id ")
	c.fails(exitNotFound, `no record named "nope"`, "vaultbar ls", "show", "nope")
	c.fails(exitNotFound, "no record type", "vaultbar type ls", "add", "nosuchtype", "X")
	c.fails(exitNotFound, "no group", "vaultbar group add", "add", "login", "X", "--group", "Nope")
	c.fails(exitUsage, "unknown flag --bogus", "--group", "add", "login", "X", "--bogus")
	c.fails(exitUsage, `unknown command "frobnicate"`, "vaultbar help", "frobnicate")
	c.fails(exitUsage, "expected one argument", "usage: vaultbar show", "show")
}

func TestRmRestore(t *testing.T) {
	c := initialised(t)
	c.ok("add", "login", "GitHub", "username=alice")
	wantIn(t, "rm", c.ok("rm", "github"), "deleted records", "vaultbar restore GitHub")
	wantNotIn(t, "ls after rm", c.ok("ls"), "GitHub")
	wantIn(t, "ls --deleted", c.ok("ls", "--deleted"), "GitHub")
	c.fails(exitNotFound, `no record named "github"`, "--deleted", "show", "github")
	wantIn(t, "restore", c.ok("restore", "github"), `Restored "GitHub"`)
	wantIn(t, "ls after restore", c.ok("ls"), "GitHub")
	c.fails(exitNotFound, "no deleted record", "ls --deleted", "restore", "github")
}

func TestFlagsAnywhere(t *testing.T) {
	c := initialised(t)
	c.ok("add", "--favorite", "login", "--group=Business", "A", "username=x=y", "--notes", "n")
	out := c.ok("show", "--json", "a")
	var rec recordView
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatal(err)
	}
	if !rec.Favorite || rec.Notes != "n" || len(rec.Groups) != 1 || rec.Groups[0] != "Business" || rec.Fields[0].Value != "x=y" {
		t.Errorf("record = %+v", rec)
	}
	c.ok("add", "login", "--", "-dash")
	wantIn(t, "ls", c.ok("ls"), "-dash")
	if !strings.Contains(c.ok("help", "add"), "label=value") {
		t.Error("help add does not explain label=value")
	}
}

func TestPurge(t *testing.T) {
	c := initialised(t)
	c.ok("add", "login", "GitHub", "username=alice", "password=hunter2")
	c.fails(exitNotFound, "no deleted record", "vaultbar rm", "purge", "github")
	c.ok("rm", "github")
	c.fails(exitDeclined, "no terminal to ask", "--yes", "purge", "github")
	wantIn(t, "ls --deleted after a refused purge", c.ok("ls", "--deleted"), "GitHub")
	wantIn(t, "purge", c.ok("purge", "--yes", "github"), `Deleted "GitHub" permanently`)
	wantNotIn(t, "ls --deleted after purge", c.ok("ls", "--deleted"), "GitHub")
	c.fails(exitNotFound, "no deleted record", "ls --deleted", "restore", "github")
}

// Bad names for purge and its neighbours: an empty name names nothing (as a
// prefix it would match every record), two deleted records of one name ask
// for the id, and a yes/no flag given a value says how to write it.
func TestPurgeNamesAndFlags(t *testing.T) {
	c := initialised(t)
	c.ok("add", "login", "Only", "password=x")
	c.fails(exitNotFound, `no record named ""`, "vaultbar ls", "rm", "")
	c.fails(exitNotFound, `no record named ""`, "vaultbar ls", "show", "")
	wantIn(t, "ls after rm \"\"", c.ok("ls"), "Only")
	c.ok("add", "login", "Dup")
	c.ok("add", "login", "Dup")
	c.ok("rm", "only")
	var all []struct{ ID, Name string }
	if err := json.Unmarshal([]byte(c.ok("ls", "--json")), &all); err != nil {
		t.Fatal(err)
	}
	var rmOut []string
	lastID := ""
	for _, r := range all {
		if r.Name == "Dup" {
			rmOut = append(rmOut, c.ok("rm", r.ID))
			lastID = r.ID
		}
	}
	wantIn(t, "rm of a second Dup", strings.Join(rmOut, ""), "`vaultbar restore Dup` brings it back", "`vaultbar restore "+lastID+"` brings it back")
	c.fails(exitAmbiguous, `"dup" matches 2 records`, "or the id; `vaultbar ls --deleted` shows names and ids", "purge", "--yes", "dup")
	c.fails(exitNotFound, `no deleted record named ""`, "vaultbar ls --deleted", "purge", "--yes", "")
	c.fails(exitUsage, "--yes takes no value", "write --yes alone", "purge", "only", "--yes=false")
	wantIn(t, "ls --deleted after refusals", c.ok("ls", "--deleted"), "Only", "Dup")
}
