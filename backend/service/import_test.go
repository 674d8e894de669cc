package service

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"vaultbar/backend/interchange"
	"vaultbar/backend/model"
	"vaultbar/internal/disktest"
)

const richXML = "../interchange/keepass/testdata/rich.xml"

func readRich(t *testing.T) ImportFile {
	t.Helper()
	f, err := ReadImport(richXML, "", interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Format.ID != "keepass-xml" {
		t.Fatalf("detected %q", f.Format.ID)
	}
	return f
}

func fieldsOf(r model.Record) map[string]string {
	out := map[string]string{}
	for _, f := range r.Fields {
		if f.Value != "" {
			out[f.Label] = f.Value
		}
	}
	return out
}

func groupNames(t *testing.T, s *VaultService, r model.Record) []string {
	var out []string
	gs, _ := s.Groups()
	for _, id := range r.Groups {
		for _, g := range gs {
			if g.ID == id {
				out = append(out, g.Name)
			}
		}
	}
	return out
}

// TestImportKeePassRecords maps the KeePass fixture onto records field by
// field: built-in fields on their ids, custom ones kept on a derived type,
// groups, history, and the recycle bin skipped with its reason.
func TestImportKeePassRecords(t *testing.T) {
	s := created(t)
	s.now = func() time.Time { return time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC) }
	f := readRich(t)
	var progress []int
	p, err := s.ApplyImport(f, ImportOptions{Progress: func(done, total int) { progress = append(progress, done, total) }})
	if err != nil {
		t.Fatal(err)
	}
	if p.Add != 4 || p.Total != 5 || len(p.Skipped) != 1 || !strings.Contains(p.Skipped[0].Reason, "recycle bin") {
		t.Fatalf("preview %+v", p)
	}
	if p.Label != "Imported from KeePass 2 XML on 2026-12-02" || len(progress) != 2 || progress[0] != 4 {
		t.Errorf("label %q progress %v", p.Label, progress)
	}
	bank, err := s.Find("Bank")
	if err != nil {
		t.Fatal(err)
	}
	if bank.TypeName != "Login (imported)" || bank.Notes != "line one\nline two" {
		t.Errorf("bank: %+v", bank)
	}
	want := map[string]string{"Username": "alice", "Password": "hunter2", "Website": "https://bank.example",
		"PIN": "4321", "Security question": "first pet: rex"}
	if got := fieldsOf(bank); !equalMaps(got, want) {
		t.Errorf("bank fields %v, want %v", got, want)
	}
	for _, fl := range bank.Fields {
		if fl.Label == "PIN" && fl.Kind != model.KindSecret {
			t.Errorf("PIN kind %q", fl.Kind)
		}
	}
	db1, _ := s.Find("db1")
	if db1.TypeName != "Login (imported)" || fieldsOf(db1)["Expires"] != "2030-12-31" || fieldsOf(db1)["One-Time Password"] != "otpauth://totp/db1?secret=JBSWY3DPEHPK3PXP&period=30&digits=6" {
		t.Errorf("db1: %+v", db1)
	}
	if g := groupNames(t, s, db1); len(g) != 2 || g[0] != "Imported from KeePass 2 XML on 2026-12-02" && g[1] != "Imported from KeePass 2 XML on 2026-12-02" {
		t.Errorf("db1 groups %v", g)
	}
	hist, _ := s.History(db1.ID)
	var old []string
	for _, h := range hist {
		if h.Label == "Password" {
			old = append(old, h.Value)
		}
	}
	if strings.Join(old, ",") != "old-pass-2,old-pass-1" {
		t.Errorf("db1 password history %v", old)
	}
	if _, err := s.Find("Old mail"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("recycle bin entry imported: %v", err)
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestReimportAddsNothing: the same file again adds no record, type or
// group; with merge, it changes nothing either.
func TestReimportAddsNothing(t *testing.T) {
	s := created(t)
	f := readRich(t)
	if _, err := s.ApplyImport(f, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	before := s.All()
	for _, d := range []interchange.Duplicates{interchange.SkipDuplicates, interchange.MergeDuplicates} {
		p, err := s.ApplyImport(f, ImportOptions{Duplicates: d, Label: "Second import"})
		if err != nil {
			t.Fatal(err)
		}
		if p.Add != 0 || len(p.Duplicates) != 4 || len(p.NewGroups) != 0 || len(p.NewTypes) != 0 {
			t.Errorf("%s: preview %+v", d, p)
		}
	}
	if after := s.All(); len(after) != len(before) {
		t.Errorf("entities %d -> %d", len(before), len(after))
	}
}

// TestImportMergeUpdatesDuplicate: merge writes the file's values onto
// the existing record, and the old value goes to its history.
func TestImportMergeUpdatesDuplicate(t *testing.T) {
	s := created(t)
	f := readRich(t)
	s.ApplyImport(f, ImportOptions{})
	bank, _ := s.Find("Bank")
	pwID := ""
	for _, fl := range bank.Fields {
		if fl.Label == "Password" {
			pwID = fl.ID
		}
	}
	s.UpdateRecord(bank.ID, model.RecordPatch{Fields: map[string]string{pwID: "changed-here"}})
	if _, err := s.ApplyImport(f, ImportOptions{Duplicates: interchange.MergeDuplicates}); err != nil {
		t.Fatal(err)
	}
	bank, _ = s.Find("Bank")
	if fieldsOf(bank)["Password"] != "hunter2" {
		t.Errorf("merged password %q", fieldsOf(bank)["Password"])
	}
}

func TestUndoImport(t *testing.T) {
	s := created(t)
	addLogin(t, s, "Mine", "me")
	p, _ := s.ApplyImport(readRich(t), ImportOptions{})
	n, err := s.UndoImport(p.Label)
	if err != nil || n != 4 {
		t.Fatalf("UndoImport: %d, %v", n, err)
	}
	if list, _ := s.List(model.Filter{}); len(list) != 1 || list[0].Name != "Mine" {
		t.Errorf("left %+v", list)
	}
	if _, err := s.UndoImport("Personal"); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("undo of a non-import group: %v", err)
	}
}

// TestImportBadFilesWriteNothing: each bad source gets its sentinel and
// a sentence, and neither the vault folder nor the source file changes.
// TestImportRefusesWhatIsNotAFile: a FIFO (which would block an open), a
// device and a folder are refused before reading.
func TestImportRefusesWhatIsNotAFile(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "export.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	for _, p := range []string{fifo, "/dev/zero", t.TempDir()} {
		if _, err := ReadImport(p, "keepass-xml", interchange.Options{}); !errors.Is(err, ErrImportUnreadable) {
			t.Errorf("%s: %v", p, err)
		}
	}
}

func TestImportBadFilesWriteNothing(t *testing.T) {
	s := created(t)
	dir := t.TempDir()
	good, _ := os.ReadFile(richXML)
	cases := map[string]struct {
		data   []byte
		format string
		want   error
	}{
		"truncated xml":  {good[:len(good)/2], "keepass-xml", interchange.ErrDamaged},
		"unknown format": {[]byte("just some text\n"), "", interchange.ErrUnknownFormat},
		"no such format": {good, "lotus-notes", interchange.ErrUnknownFormat},
		"kdbx no pass":   {append([]byte{0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5, 1, 0, 4, 0}, make([]byte, 64)...), "", interchange.ErrDamaged},
	}
	for name, c := range cases {
		src := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".xml")
		os.WriteFile(src, c.data, 0o600)
		vault, source := disktest.Snapshot(t, s.Home()), disktest.Snapshot(t, dir)
		_, err := ReadImport(src, c.format, interchange.Options{Password: []byte("x")})
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
		if msg, hint := Explain(err); msg == "" || hint == "" {
			t.Errorf("%s: explained as %q / %q", name, msg, hint)
		}
		if d := disktest.Diff(vault, disktest.Snapshot(t, s.Home())) + disktest.Diff(source, disktest.Snapshot(t, dir)); d != "" {
			t.Errorf("%s: files changed: %s", name, d)
		}
	}
}

// TestImportGenericColumns reads a generic CSV with the columns given,
// and reports in the preview the mapping in effect, given or guessed; a
// mapping that doesn't fit is explained with the file's headers.
func TestImportGenericColumns(t *testing.T) {
	s := created(t)
	src := filepath.Join(t.TempDir(), "export.csv")
	os.WriteFile(src, []byte("Name,Site,Login,Secret,Pin\nMail,https://mail.example,gina,pw1,1234\n"), 0o600)
	cols := map[string]string{"Site": "url", "Login": "username", "Secret": "password", "Name": "title"}
	f, err := ReadImport(src, "generic-csv", interchange.Options{Columns: cols})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.PreviewImport(f, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := "[{Name title} {Site url} {Login username} {Secret password} {Pin }]"
	if fmt.Sprint(p.Columns) != want || p.Add != 1 {
		t.Fatalf("preview columns %v, add %d; want %v", p.Columns, p.Add, want)
	}
	guessed, err := ReadImport(src, "generic-csv", interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if g := fmt.Sprint(guessed.Result.Columns); g != "[{Name title} {Site url} {Login username} {Secret } {Pin }]" {
		t.Errorf("guessed %s", g)
	}
	_, err = ReadImport(src, "generic-csv", interchange.Options{Columns: map[string]string{"Website": "url"}})
	msg, hint := Explain(err)
	if !errors.Is(err, interchange.ErrColumns) || msg != `the file has no column "Website"` ||
		!strings.Contains(hint, "Name, Site, Login, Secret, Pin") || !strings.Contains(hint, "title, username, password") {
		t.Errorf("%v explained as %q / %q", err, msg, hint)
	}
}
