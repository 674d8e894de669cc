package main

import (
	"crypto/rand"
	enc "encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vaultbar/backend/interchange/keepass"
	"vaultbar/internal/disktest"
)

const richXML = "../../backend/interchange/keepass/testdata/rich.xml"

// sourceKDBX writes rich.xml as a KDBX 4 file with a cheap Argon2id.
func sourceKDBX(t *testing.T, password string) string {
	t.Helper()
	doc, err := os.ReadFile(richXML)
	if err != nil {
		t.Fatal(err)
	}
	data, err := keepass.EncodeKDBX4(doc, keepass.WriteOptions{Password: []byte(password), KDF: keepass.KDFArgon2id(1, 64<<10, 1), Rand: rand.Reader})
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "source.kdbx")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportKDBXThenShowEveryField(t *testing.T) {
	c := initialised(t)
	src := sourceKDBX(t, "kp-pass")
	before, _ := os.ReadFile(src)
	c.env["VAULTBAR_IMPORT_PASSWORD"] = "kp-pass"
	out := c.ok("import", src, "--yes")
	wantIn(t, "import output", out, "KeePass KDBX 4.0 (Argon2id), 5 entries", "Will add 4 records", "Old mail: it is in the source's trash or recycle bin",
		"Login (imported): PIN", "Imported 4 records", "vaultbar import --undo")
	wantNotIn(t, "import output of an encrypted source", out, "plain text")
	if after, _ := os.ReadFile(src); string(after) != string(before) {
		t.Error("the source file changed")
	}
	var v recordView
	if err := json.Unmarshal([]byte(c.ok("show", "Bank", "--reveal", "--json")), &v); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range v.Fields {
		got[f.Label] = f.Value
	}
	for k, want := range map[string]string{"Username": "alice", "Password": "hunter2", "PIN": "4321", "Security question": "first pet: rex"} {
		if got[k] != want {
			t.Errorf("show --json %s = %q, want %q", k, got[k], want)
		}
	}
	again := c.ok("import", src, "--yes")
	wantIn(t, "second import", again, "Will add 0 records", "Nothing to import.")
}

func TestImportPlaintextRemindsToDelete(t *testing.T) {
	c := initialised(t)
	out := c.ok("import", richXML, "--yes", "--group", "From KeePass")
	wantIn(t, "import output", out, "is not encrypted", "delete it")
	wantIn(t, "ls", c.ok("ls", "--group", "From KeePass"), "Bank", "db1", "Forum")
	undo := c.ok("import", "--undo", strings.Split(strings.Split(out, "into the group \"")[1], "\"")[0])
	wantIn(t, "undo", undo, "Moved 4 imported records")
}

// TestImportBadInputWritesNothing: each bad source is one error line, a
// hint and its exit code, and nothing in the vault folder changes.
func TestImportBadInputWritesNothing(t *testing.T) {
	c := initialised(t)
	src := sourceKDBX(t, "kp-pass")
	data, _ := os.ReadFile(src)
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o600)
		return p
	}
	newer := append([]byte(nil), data...)
	enc.LittleEndian.PutUint16(newer[10:], 5)
	cases := []struct {
		name, env string
		args      []string
		code      int
		msg, hint string
	}{
		{"wrong password", "nope", []string{src}, exitSourcePassword, "password or key file is not right", "password"},
		{"wrong key file", "kp-pass", []string{src, "--key-file", write("k.key", []byte("not the key"))}, exitSourcePassword, "not right", "key file"},
		{"truncated", "kp-pass", []string{write("cut.kdbx", data[:len(data)/2])}, exitSourceDamaged, "damaged or cut short", "export it again"},
		{"unknown format", "", []string{write("notes.txt", []byte("hello"))}, exitSourceFormat, "can't import this file", "--format"},
		{"no such format", "", []string{richXML, "--format", "lotus"}, exitSourceFormat, "can't import", "keepass-xml"},
		{"newer version", "kp-pass", []string{write("new.kdbx", newer)}, exitSourceNewer, "newer version", "export it"},
		{"not confirmed", "", []string{richXML}, exitDeclined, "no terminal to ask", "--yes"},
		{"missing file", "", []string{filepath.Join(dir, "nope.kdbx")}, exitNotFound, "can't read the file to import", "path"},
		{"a folder", "", []string{dir}, exitNotFound, "not a file", "path"},
		{"key file alone is not the key", "", []string{src, "--key-file", write("k2.key", []byte("x"))}, exitGeneral, "no terminal", "VAULTBAR_IMPORT_PASSWORD"},
		{"no password, no terminal", "", []string{src}, exitGeneral, "no terminal", "VAULTBAR_IMPORT_PASSWORD"},
	}
	for _, tc := range cases {
		c.env["VAULTBAR_IMPORT_PASSWORD"] = tc.env
		snap := disktest.Snapshot(t, c.home)
		c.fails(tc.code, tc.msg, tc.hint, append([]string{"import"}, tc.args...)...)
		if d := disktest.Diff(snap, disktest.Snapshot(t, c.home)); d != "" {
			t.Errorf("%s: vault folder changed: %s", tc.name, d)
		}
	}
}

func TestImportDryRunWritesNothing(t *testing.T) {
	c := initialised(t)
	snap := disktest.Snapshot(t, c.home)
	out := c.ok("import", richXML, "--dry-run")
	wantIn(t, "dry run", out, "Will add 4 records", "Dry run: nothing was written.")
	if d := disktest.Diff(snap, disktest.Snapshot(t, c.home)); d != "" {
		t.Errorf("vault folder changed: %s", d)
	}
}

// TestExportThenImportElsewhere: an export made by one vault imports into
// another with its records; plaintext formats need --yes without a
// terminal; an existing file is never replaced.
func TestExportThenImportElsewhere(t *testing.T) {
	a := initialised(t)
	a.ok("import", richXML, "--yes")
	dir := t.TempDir()
	out := filepath.Join(dir, "all.vbx")
	a.fails(exitGeneral, "no terminal", "VAULTBAR_EXPORT_PASSWORD", "export", "--format", "vaultbar", "--output", out)
	a.env["VAULTBAR_EXPORT_PASSWORD"] = "exp0rt pass"
	wantIn(t, "export", a.ok("export", "--format", "vaultbar", "--output", out), "Exported the vault")
	a.fails(exitInvalid, "already exists", "another file name", "export", "--format", "vaultbar", "--output", out)
	csv := filepath.Join(dir, "all.csv")
	snap := disktest.Snapshot(t, dir)
	r := a.fails(exitDeclined, "no terminal to ask", "--yes", "export", "--format", "csv", "--output", csv)
	wantIn(t, "plaintext warning", r.stderr, "will not be encrypted")
	if d := disktest.Diff(snap, disktest.Snapshot(t, dir)); d != "" {
		t.Errorf("declined export wrote: %s", d)
	}
	wantIn(t, "csv export", a.ok("export", "--format", "csv", "--output", csv, "--yes"), "plain text")
	a.fails(exitUsage, "is not an export format", "usage", "export", "--format", "pdf", "--output", csv+"2")

	b := initialised(t)
	b.env["VAULTBAR_IMPORT_PASSWORD"] = "wrong"
	b.fails(exitSourcePassword, "not right", "password", "import", out, "--yes")
	b.env["VAULTBAR_IMPORT_PASSWORD"] = "exp0rt pass"
	wantIn(t, "import of the export", b.ok("import", out, "--yes"), "Vaultbar export", "Imported 4 records")
	wantIn(t, "ls", b.ok("ls"), "Bank", "db1", "Forum")
}

// A Vaultbar export made before a record was deleted permanently leaves it
// deleted when imported back, and the preview says so.
func TestImportExportAfterPurge(t *testing.T) {
	a := initialised(t)
	a.ok("add", "login", "Bank", "password=S3CRET")
	a.ok("add", "login", "Mail")
	out := filepath.Join(t.TempDir(), "all.vbx")
	a.env["VAULTBAR_EXPORT_PASSWORD"] = "exp0rt pass"
	a.env["VAULTBAR_IMPORT_PASSWORD"] = "exp0rt pass"
	a.ok("export", "--format", "vaultbar", "--output", out)
	a.ok("rm", "bank")
	a.ok("purge", "--yes", "bank")
	got := a.ok("import", out, "--yes")
	wantIn(t, "import after purge", got, "1 of the records were deleted permanently in this vault; they stay deleted", "Imported 0 records (1 were already here)")
	wantNotIn(t, "ls after import", a.ok("ls"), "Bank")
	wantNotIn(t, "ls --deleted after import", a.ok("ls", "--deleted"), "Bank")
}

// genericCSV writes a CSV whose headers no guess maps to a password.
func genericCSV(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "other app.csv")
	data := "Name,Site,Login,Secret,Pin\nMail,https://mail.example,gina@example.com,pw1,1234\nBank,https://bank.example,gina,pw2,\n"
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestImportGenericCSVColumns maps a generic CSV's columns with
// --columns: the dry run shows the mapping, and the records get each
// column's value in its field; unmapped columns are extra fields.
func TestImportGenericCSVColumns(t *testing.T) {
	c := initialised(t)
	src := genericCSV(t)
	cols := "Site=url,Login=username,Secret=password,Name=title"
	guessed := c.ok("import", src, "--format", "generic-csv", "--dry-run")
	wantIn(t, "guessed dry run", guessed, "Columns: Name → title, Site → url, Login → username (other columns become extra fields)")
	dry := c.ok("import", src, "--format", "generic-csv", "--columns", cols, "--dry-run")
	wantIn(t, "dry run", dry, "CSV, 2 entries", "Will add 2 records",
		"Columns: Name → title, Site → url, Login → username, Secret → password (other columns become extra fields)", "Dry run: nothing was written.")
	c.ok("import", src, "--columns", cols+",Pin=-", "--yes")
	want := map[string]map[string]string{
		"Mail": {"Username": "gina@example.com", "Password": "pw1", "Website": "https://mail.example"},
		"Bank": {"Username": "gina", "Password": "pw2", "Website": "https://bank.example"},
	}
	for name, fields := range want {
		got := c.fields(name)
		for label, v := range fields {
			if got[label] != v {
				t.Errorf("%s: %s = %q, want %q (all: %v)", name, label, got[label], v, got)
			}
		}
		if _, ok := got["Pin"]; ok {
			t.Errorf("%s: the left-out column Pin was imported: %v", name, got)
		}
	}
}

// TestImportGenericCSVColumnsRefused: --columns that don't fit the file
// are usage errors whose hint lists the file's headers and the keys, and
// nothing is written.
func TestImportGenericCSVColumnsRefused(t *testing.T) {
	c := initialised(t)
	src := genericCSV(t)
	headers := "Name, Site, Login, Secret, Pin"
	cases := []struct {
		args      []string
		msg, hint string
	}{
		{[]string{"--columns", "Site=website"}, `column "Site" can't be mapped to "website"`, headers},
		{[]string{"--columns", "Website=url"}, `the file has no column "Website"`, headers},
		{[]string{"--format", "generic-csv", "--columns", "Secret=password,Nope=title"}, `no column "Nope"`, "title, username, password, url, notes, otp, group, tags, favorite"},
		{[]string{"--columns", "Secret"}, "header=key pairs", "Site=url"},
		{[]string{"--format", "chrome-csv", "--columns", "Secret=password"}, "--columns is for --format generic-csv", "usage"},
	}
	for _, tc := range cases {
		snap := disktest.Snapshot(t, c.home)
		c.fails(exitUsage, tc.msg, tc.hint, append([]string{"import", src, "--yes"}, tc.args...)...)
		if d := disktest.Diff(snap, disktest.Snapshot(t, c.home)); d != "" {
			t.Errorf("%v: vault folder changed: %s", tc.args, d)
		}
	}
}
