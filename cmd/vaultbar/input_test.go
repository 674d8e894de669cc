package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// showJSON returns `show <name> --reveal --json`.
func (c *cli) showJSON(name string) recordView {
	c.t.Helper()
	var rec recordView
	if err := json.Unmarshal([]byte(c.ok("show", name, "--reveal", "--json")), &rec); err != nil {
		c.t.Fatal(err)
	}
	return rec
}

func field(rec recordView, label string) (fieldView, bool) {
	for _, f := range rec.Fields {
		if f.Label == label {
			return f, true
		}
	}
	return fieldView{}, false
}

// The README's `vaultbar add wifi ...` works again after the built-in type
// was deleted: the error says so and names the command that brings it back.
func TestDeletedBuiltinTypeIsRestored(t *testing.T) {
	c := initialised(t)
	c.ok("add", "wifi", "Home Wi-Fi", "network name=homenet")
	c.fails(exitInvalid, `1 record(s) use the type "Wi-Fi"`, "--force", "type", "rm", "wi-fi")
	wantIn(t, "type rm --force", c.ok("type", "rm", "wi-fi", "--force"), "`vaultbar type restore wifi` brings it back", "1 record(s) keep their values")
	c.fails(exitNotFound, `the record type "Wi-Fi" was deleted`, "`vaultbar type restore wifi`",
		"add", "wifi", "Office", "network name=office", "password=hunter22")
	wantIn(t, "show of a record of the deleted type", c.ok("show", "home"), "Wi-Fi (deleted type)", "homenet")

	wantIn(t, "type restore", c.ok("type", "restore", "wifi"), `Restored type "Wi-Fi" with fields: Network Name, Password, Security`)
	c.ok("add", "wifi", "Office", "network name=office", "password=hunter22")
	wantIn(t, "show after restore", c.ok("show", "home"), "Wi-Fi\nNetwork Name:", "homenet")
	c.fails(exitNotFound, `no deleted record type named "wifi"`, "no record type is deleted", "type", "restore", "wifi")
}

// After `type rm login --force` and a new type named login, the records of
// the old type keep its fields, editable under the labels show lists, and
// the new type's labels don't apply to them.
func TestRecordsOfADeletedTypeStayEditable(t *testing.T) {
	c := initialised(t)
	c.ok("add", "login", "grec", "username=old", "password=pw1")
	c.ok("type", "rm", "login", "--force")
	c.ok("type", "add", "login", "X:text")

	c.ok("edit", "grec", "username=new", "password=pw2")
	rec := c.showJSON("grec")
	if f, ok := field(rec, "Username"); !ok || f.Value != "new" || f.Kind != "text" {
		t.Errorf("Username after edit = %+v (record %+v)", f, rec)
	}
	if f, ok := field(rec, "Password"); !ok || f.Value != "pw2" {
		t.Errorf("Password after edit = %+v", f)
	}
	c.fails(exitInvalid, `type has no field "x"`, "Username, Password, Website, One-Time Password", "edit", "grec", "x=foo")
	for _, f := range c.showJSON("grec").Fields {
		if f.Label == f.ID && f.ID != "username" {
			t.Errorf("field shown under its raw id: %+v", f)
		}
	}
	c.ok("edit", "grec", "password=") // a field show lists can be cleared, too
	wantNotIn(t, "show after clearing", c.ok("show", "grec", "--reveal"), "pw2")

	c.fails(exitInvalid, `another record type is named "Login"`, "`vaultbar type restore login`", "type", "restore", "login")
	c.ok("type", "rm", "login") // the new one; no record uses it
	c.fails(exitAmbiguous, `2 deleted record types are named "Login "`, "give the id", "type", "restore", "Login ")
	c.ok("type", "restore", "login") // the built-in, by its id

	c.ok("type", "add", "Router", "IP:text")
	wantIn(t, "type rm of a unique name", c.ok("type", "rm", "router"), "`vaultbar type restore Router`")
	c.ok("type", "add", "Router", "IP:text")
	out := c.ok("type", "rm", "router")
	if !strings.Contains(out, "`vaultbar type restore ") || strings.Contains(out, "restore Router`") {
		t.Errorf("type rm of a second deleted Router names it by name: %s", out)
	}
	wantIn(t, "show after restoring Login", c.ok("show", "grec"), "Login\nUsername:", "new")
}

func TestBadRecordInput(t *testing.T) {
	c := initialised(t)
	c.fails(exitInvalid, "contains a line break, tab or other control character", "one line", "add", "login", "two\nlines")
	c.fails(exitInvalid, "contains a line break, tab", "one line", "add", "login", "a\tb")
	c.ok("add", "login", "GitHub", "username=alice")
	c.fails(exitInvalid, "record name", "one line", "edit", "github", "--name", "x\ny")

	r := c.run("add", "login", "github", "username=bob")
	if r.code != 0 || !strings.Contains(r.stderr, `note: 1 other record(s) are also named "github"; to name this one in a command, use its id`) {
		t.Errorf("duplicate name: exit %d, stderr %q", r.code, r.stderr)
	}
	c.fails(exitUsage, "the field Username is given twice (username=... and Username=...)", "once",
		"add", "login", "A", "username=a", "Username=b")
	c.fails(exitUsage, "--notes is given 2 times", "once", "add", "login", "A", "--notes", "a", "--notes", "b")
	c.fails(exitUsage, "--favorite and --no-favorite contradict each other", "one of them", "edit", "alice", "--favorite", "--no-favorite")
	c.fails(exitUsage, "--name is given 2 times", "once", "edit", "alice", "--name", "a", "--name", "b")

	c.fails(exitInvalid, "error: the one-time password secret is not valid base32", "QR code",
		"add", "login", "B", "one-time password=not base32!")
	c.fails(exitInvalid, "only otpauth://totp/ URIs are supported", "otpauth://totp/",
		"add", "login", "B", "otp=otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP")
	c.ok("add", "login", "B", "otp=otpauth://totp/B?secret=JBSWY3DPEHPK3PXP")
	c.ok("add", "login", "C", "otp=jbsw y3dp ehpk 3pxp")
	wantNotIn(t, "ls after refusals", c.ok("ls"), "lines", "\tb", "A ")
	c.ok("add", "login", "Multi", "username=first\nsecond")
	wantIn(t, "ls of a two-line detail", c.ok("ls"), `first\nsecond`)
}

// The same mistake gets the same exit code, and a type needs a field.
func TestTypeAddInput(t *testing.T) {
	c := initialised(t)
	c.fails(exitUsage, `field "A" has no kind`, "label:kind", "type", "add", "T", "A")
	c.fails(exitUsage, `field "A:" has no kind`, "label:kind", "type", "add", "T", "A:")
	c.fails(exitUsage, "a record type needs at least one field", "vaultbar type add Router", "type", "add", "T")
	c.fails(exitInvalid, `the field label "a=b" contains =`, "label=value", "type", "add", "T", "a=b:text")
	c.fails(exitInvalid, "control character", "one line", "type", "add", "T", "a\nb:text")
	c.fails(exitInvalid, "type name", "one line", "type", "add", "T\nU", "A:text")
	c.fails(exitInvalid, `unknown field kind "weird"`, "kinds:", "type", "add", "T", "A:weird")
	wantNotIn(t, "type ls", c.ok("type", "ls"), "\nT ")
}

func TestNoGroups(t *testing.T) {
	c := initialised(t)
	c.ok("add", "login", "GitHub", "--group", "Personal", "--group", "Business")
	r := c.fails(exitUsage, "--group needs a group name", "use --no-groups", "edit", "github", "--group", "")
	wantNotIn(t, "hint for --group \"\"", r.stderr, "group add")
	c.fails(exitUsage, "--group needs a group name", "leave out --group", "add", "login", "X", "--group", " ")
	r = c.fails(exitNotFound, "no group named", "`vaultbar group ls`", "edit", "github", "--group", "a\nb")
	wantNotIn(t, "hint for a group name group add refuses", r.stderr, "group add")
	c.fails(exitUsage, "--group and --no-groups contradict", "one of them", "edit", "github", "--group", "Personal", "--no-groups")

	c.ok("edit", "github", "--no-groups")
	if rec := c.showJSON("github"); len(rec.Groups) != 0 {
		t.Errorf("groups after --no-groups = %v", rec.Groups)
	}
	wantNotIn(t, "ls --group personal", c.ok("ls", "--group", "personal"), "GitHub")
}

func TestValuesFromStdin(t *testing.T) {
	c := initialised(t)
	c.stdin = strings.NewReader("s3cret from a pipe\n")
	c.ok("add", "login", "GitHub", "username=alice", "password=-")
	if f, _ := field(c.showJSON("github"), "Password"); f.Value != "s3cret from a pipe" {
		t.Errorf("password read from stdin = %q", f.Value)
	}
	c.stdin = strings.NewReader("crlf\r\n")
	c.ok("edit", "github", "password=-")
	if f, _ := field(c.showJSON("github"), "Password"); f.Value != "crlf" {
		t.Errorf("password read from stdin = %q", f.Value)
	}

	// 200 KB is over the 128 KB the kernel allows one argument.
	big := strings.Repeat("line of a long note, with\ttabs and ünicode\n", 200<<10/44) + "end"
	c.stdin = strings.NewReader(big)
	c.ok("add", "secure-note", "Big", "note=-")
	if f, _ := field(c.showJSON("big"), "Note"); f.Value != big {
		t.Errorf("note read from stdin: %d bytes back, want %d", len(f.Value), len(big))
	}
	c.stdin = strings.NewReader(big)
	c.ok("edit", "big", "--notes", "-")
	if rec := c.showJSON("big"); rec.Notes != big {
		t.Errorf("notes read from stdin: %d bytes back, want %d", len(rec.Notes), len(big))
	}
	wantIn(t, "show --reveal", c.ok("show", "big", "--reveal"), "line of a long note", "end")

	c.stdin = strings.NewReader("x")
	c.fails(exitUsage, "only one value can be read from standard input, and Username already is", "command line",
		"edit", "github", "username=-", "password=-")
	c.stdin = strings.NewReader("")
	c.fails(exitInvalid, "standard input gave no value for Password", "`label=`", "edit", "github", "password=-")
	if f, _ := field(c.showJSON("github"), "Password"); f.Value != "crlf" {
		t.Errorf("a refused edit changed the password to %q", f.Value)
	}
}

// Standard input that can't be read (a directory) is an error with a hint,
// and nothing is saved.
func TestUnreadableStdin(t *testing.T) {
	c := initialised(t)
	c.ok("add", "login", "GitHub", "password=old")
	dir, err := os.Open(c.home)
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	c.stdin = dir
	c.fails(exitGeneral, "Password could not be read from standard input", "pipe the value in", "edit", "github", "password=-")
	c.stdin = nil
	if f, _ := field(c.showJSON("github"), "Password"); f.Value != "old" {
		t.Errorf("password is now %q", f.Value)
	}
}

// The strength meter is not fooled by repetition: a login password of
// 10,240 x's is refused as too easy to guess.
func TestRepeatedPasswordIsVeryWeak(t *testing.T) {
	c := newCLI(t)
	c.env["VAULTBAR_PASSWORD"] = strings.Repeat("x", 10240)
	r := c.fails(exitInvalid, "this password is too easy to guess", "passphrase", "init")
	wantIn(t, "init stderr", r.stderr, "Password strength: Very weak")
}
