package main

import (
	"archive/zip"
	"bytes"
	enc "encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vaultbar/internal/disktest"
)

const interchangeData = "../../backend/interchange/"

// TestImportOtherManagersFormats: each format family's fixture is detected
// and imported, and an mSecure 6 record (the app most users leave) shows
// every field it had, pipes and line breaks included.
func TestImportOtherManagersFormats(t *testing.T) {
	cases := map[string]string{
		"msecure/testdata/msecure6.csv":               "mSecure 6 CSV, 7 entries",
		"msecure/testdata/msecure5.csv":               "mSecure 4/5 CSV, 10 entries",
		"onepassword/testdata/sample.1pux":            "1Password 1PUX, 6 entries",
		"onepassword/testdata/1password.csv":          "1Password CSV, 2 entries",
		"bitwarden/testdata/bitwarden.json":           "Bitwarden JSON, 5 entries",
		"bitwarden/testdata/bitwarden.csv":            "Bitwarden CSV, 2 entries",
		"enpass/testdata/enpass.json":                 "Enpass JSON, 5 entries",
		"csvfmt/testdata/chrome.csv":                  "Chrome / Edge CSV, 2 entries",
		"csvfmt/testdata/firefox.csv":                 "Firefox CSV, 3 entries",
		"csvfmt/testdata/safari.csv":                  "Safari / Apple Passwords CSV, 1 entries",
		"csvfmt/testdata/keepassxc.csv":               "KeePassXC CSV, 2 entries",
		"bitwarden/testdata/bitwarden-protected.json": "Bitwarden JSON (password protected), 5 entries",
	}
	for path, want := range cases {
		c := initialised(t)
		c.env["VAULTBAR_IMPORT_PASSWORD"] = "correct horse"
		wantIn(t, path, c.ok("import", interchangeData+path, "--yes"), want, "Imported ")
	}
	c := initialised(t)
	c.ok("import", interchangeData+"msecure/testdata/msecure6.csv", "--yes")
	var v recordView
	if err := json.Unmarshal([]byte(c.ok("show", "Example", "--reveal", "--json")), &v); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range v.Fields {
		got[f.Label] = f.Value
	}
	for k, want := range map[string]string{"Username": "username || lol", "Password": "pa|ss|word", "Recovery Email": "me@example.com"} {
		if got[k] != want {
			t.Errorf("show --json %s = %q, want %q (all: %v)", k, got[k], want, got)
		}
	}
	if v.Notes != "First line\nsecond line |" {
		t.Errorf("notes = %q", v.Notes)
	}
}

// TestImportOtherFormatsBadInput: each bad file of these formats is one
// error line, a hint and its exit code, and the vault folder is unchanged.
func TestImportOtherFormatsBadInput(t *testing.T) {
	c := initialised(t)
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o600)
		return p
	}
	protected, _ := os.ReadFile(interchangeData + "bitwarden/testdata/bitwarden-protected.json")
	tampered := bytes.Replace(protected, []byte(`"data": "2.`), []byte(`"data": "2.A`), 1)
	cases := []struct {
		name, env string
		args      []string
		code      int
		msg, hint string
	}{
		{"bitwarden wrong password", "wrong horse", []string{write("p.json", protected)}, exitSourcePassword, "not right", "password"},
		{"bitwarden tampered", "correct horse", []string{write("t.json", tampered)}, exitSourceDamaged, "damaged", "export it again"},
		{"bitwarden account key", "", []string{write("a.json", []byte(`{"encrypted": true, "encKeyValidation_DO_NOT_EDIT": "2.a|b|c", "items": []}`))}, exitSourceFormat, "Bitwarden account's key", "Password protected"},
		{"csv of other columns", "", []string{write("c.csv", []byte("Title,URL\na,b\n")), "--format", "chrome-csv"}, exitSourceFormat, "columns", "--format"},
		{"csv cut short", "", []string{write("cut.csv", []byte("name,url,username,password,note\nx,y,z,w,\"half"))}, exitSourceDamaged, "never closes", "export it again"},
		{"1pux zip bomb", "", []string{write("bomb.1pux", zipBomb(t))}, exitSourceTooLarge, "inflate", ""},
	}
	for _, tc := range cases {
		c.env["VAULTBAR_IMPORT_PASSWORD"] = tc.env
		snap := disktest.Snapshot(t, c.home)
		c.fails(tc.code, tc.msg, tc.hint, append([]string{"import", "--yes"}, tc.args...)...)
		if d := disktest.Diff(snap, disktest.Snapshot(t, c.home)); d != "" {
			t.Errorf("%s: vault folder changed: %s", tc.name, d)
		}
	}
}

// zipBomb is a small 1PUX whose export.data declares 2 GiB.
func zipBomb(t *testing.T) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("export.data")
	w.Write([]byte(`{"accounts": []}` + strings.Repeat(" ", 1000)))
	zw.Close()
	b := buf.Bytes()
	i := bytes.Index(b, []byte("PK\x01\x02"))
	if i < 0 {
		t.Fatal("no central directory")
	}
	enc.LittleEndian.PutUint32(b[i+24:], 1<<31)
	return b
}
