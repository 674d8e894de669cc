package keepass

import (
	"bytes"
	"crypto/rand"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/interchangetest"
	"vaultbar/backend/model"
)

func login(kv ...string) []interchange.Field {
	var out []interchange.Field
	for i := 0; i < len(kv); i += 2 {
		switch kv[i] {
		case "username":
			out = append(out, interchangetest.User(kv[i+1]))
		case "password":
			out = append(out, interchangetest.Pass(kv[i+1]))
		case "url":
			out = append(out, interchangetest.Site(kv[i+1]))
		case "otp":
			out = append(out, interchangetest.OTP(kv[i+1]))
		}
	}
	return out
}

// richWant is what testdata/rich.xml holds, entry by entry.
func richWant() []interchange.Item {
	return []interchange.Item{
		{Type: "login", Title: "Bank", Notes: "line one\nline two", Tags: []string{"finance", "bank"},
			Fields: append(login("username", "alice", "password", "hunter2", "url", "https://bank.example"),
				interchange.Field{Label: "PIN", Kind: model.KindSecret, Value: "4321"},
				interchange.Field{Label: "Security question", Kind: model.KindText, Value: "first pet: rex"}),
			Created: interchangetest.Day("2020-01-02T03:04:05Z"), Modified: interchangetest.Day("2021-06-07T08:09:10Z")},
		{Type: "login", Title: "db1", Group: "Work / Servers",
			Fields: append(login("username", "root", "password", "new-pass", "otp", "otpauth://totp/db1?secret=JBSWY3DPEHPK3PXP&period=30&digits=6"),
				interchange.Field{Label: "Expires", Kind: model.KindDate, Value: "2030-12-31"}),
			History: []interchange.Version{
				{Time: interchangetest.Day("2020-01-01T00:00:00Z"), Fields: login("username", "root", "password", "old-pass-1")},
				{Time: interchangetest.Day("2021-01-01T00:00:00Z"), Fields: login("username", "admin", "password", "old-pass-2")},
			},
			Created: interchangetest.Day("2019-01-01T00:00:00Z"), Modified: interchangetest.Day("2022-01-01T00:00:00Z")},
		{Type: "login", Title: "Forum", Group: "Personal", Fields: login("username", "al", "password", "pa<ss>", "otp", "GEZDGNBVGY3TQOJQ"),
			Attachments: []string{"scan.txt"}, Created: interchangetest.Day("2018-05-05T05:05:05Z"), Modified: interchangetest.Day("2018-06-06T06:06:06Z")},
		{Type: "login", Title: "https://untitled.example", Group: "Personal", Fields: login("url", "https://untitled.example"),
			Created: interchangetest.Day("2018-05-05T05:05:05Z"), Modified: interchangetest.Day("2018-06-06T06:06:06Z")},
		{Type: "login", Title: "Old mail", Group: "Recycle Bin", Trashed: true, Fields: login("username", "old@example.com"),
			Created: interchangetest.Day("2018-05-05T05:05:05Z"), Modified: interchangetest.Day("2018-06-06T06:06:06Z")},
	}
}

// normalize sorts each item's fields: KeePassXC writes an entry's strings
// in its own order.
func normalize(items []interchange.Item) []interchange.Item {
	for i := range items {
		sort.Strings(items[i].Tags)
		sortFields(items[i].Fields)
		for j := range items[i].History {
			sortFields(items[i].History[j].Fields)
		}
	}
	return items
}

func sortFields(fs []interchange.Field) {
	sort.Slice(fs, func(i, j int) bool { return fs[i].Key+fs[i].Label < fs[j].Key+fs[j].Label })
}

func checkItems(t *testing.T, got, want []interchange.Item) {
	t.Helper()
	interchangetest.SameItems(t, normalize(got), normalize(want))
}

func TestXMLRecordsFieldByField(t *testing.T) {
	res, err := ParseXML(interchangetest.Fixture(t, "rich.xml"), interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkItems(t, res.Items, richWant())
	if res.Format != "KeePass 2 XML" || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "scan.txt") {
		t.Errorf("format %q warnings %q", res.Format, res.Warnings)
	}
}

// keepassxc runs keepassxc-cli with stdin lines (its password prompts).
func keepassxc(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("keepassxc-cli"); err != nil {
		t.Fatal("keepassxc-cli is not installed (Debian package keepassxc; scripts/deps.sh installs it)")
	}
	cmd := exec.Command("keepassxc-cli", args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("keepassxc-cli %v: %v\n%s", args, err, errb.String())
	}
	return out.String()
}

// kdbxFromKeePassXC makes a KDBX file of rich.xml with keepassxc-cli:
// KDBX 4.1 because an entry in the recycle bin has a PreviousParentGroup,
// or 3.1 (which KeePassXC still writes when a file needs nothing newer)
// when v3 drops that element.
func kdbxFromKeePassXC(t *testing.T, password string, keyFile string, v3 bool) []byte {
	t.Helper()
	dir := t.TempDir()
	db, src := filepath.Join(dir, "db.kdbx"), filepath.Join("testdata", "rich.xml")
	if v3 {
		doc := interchangetest.Fixture(t, "rich.xml")
		doc = regexp.MustCompile(`<PreviousParentGroup>.*</PreviousParentGroup>`).ReplaceAll(doc, nil)
		src = filepath.Join(dir, "rich3.xml")
		os.WriteFile(src, doc, 0o600)
	}
	args := []string{"import", "-q", "-t", "100", "-p"}
	if keyFile != "" {
		args = append(args, "--set-key-file", keyFile)
	}
	keepassxc(t, password+"\n"+password+"\n", append(args, src, db)...)
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestKDBXFromKeePassXC(t *testing.T) {
	for _, v3 := range []bool{false, true} {
		data := kdbxFromKeePassXC(t, "correct horse", "", v3)
		res, err := ParseKDBX(data, interchange.Options{Password: []byte("correct horse")})
		if err != nil {
			t.Fatal(err)
		}
		checkItems(t, res.Items, richWant())
		want := map[bool]string{false: "KeePass KDBX 4.1 (AES-KDF)", true: "KeePass KDBX 3.1 (AES-KDF)"}[v3]
		if res.Format != want {
			t.Errorf("format %q, want %q", res.Format, want)
		}
		if _, err := ParseKDBX(data, interchange.Options{Password: []byte("correct horsE")}); !errors.Is(err, interchange.ErrWrongPassword) {
			t.Errorf("%s, wrong password: %v", want, err)
		}
	}
	data := kdbxFromKeePassXC(t, "correct horse", "", false)
	if f, err := formatsDetect("db.kdbx", data); err != nil || f != "kdbx" {
		t.Errorf("sniff: %q %v", f, err)
	}
}

func formatsDetect(name string, data []byte) (string, error) {
	for _, f := range Formats {
		if f.Sniff(name, data[:min(len(data), 512)]) {
			return f.ID, nil
		}
	}
	return "", interchange.ErrUnknownFormat
}

func TestKDBX4KeyFileFromKeePassXC(t *testing.T) {
	kf := filepath.Join(t.TempDir(), "db.keyx")
	data := kdbxFromKeePassXC(t, "pw", kf, false)
	key, err := os.ReadFile(kf)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ParseKDBX(data, interchange.Options{Password: []byte("pw"), KeyFile: key})
	if err != nil {
		t.Fatal(err)
	}
	checkItems(t, res.Items, richWant())
	other := bytes.Repeat([]byte{7}, 32)
	for name, opt := range map[string]interchange.Options{
		"no key file":    {Password: []byte("pw")},
		"wrong key file": {Password: []byte("pw"), KeyFile: other},
		"wrong password": {Password: []byte("pW"), KeyFile: key},
	} {
		if _, err := ParseKDBX(data, opt); !errors.Is(err, interchange.ErrWrongPassword) {
			t.Errorf("%s: %v, want ErrWrongPassword", name, err)
		}
	}
}

// TestKDBXVariants writes each KDF and cipher KeePass offers, proves
// keepassxc-cli opens the file, and reads it back.
func TestKDBXVariants(t *testing.T) {
	doc := interchangetest.Fixture(t, "rich.xml")
	doc = bytes.ReplaceAll(doc, []byte(`<Value ProtectInMemory="True">`), []byte(`<Value>`))
	for name, o := range map[string]WriteOptions{
		"argon2d-aes":       {KDF: KDFArgon2d(2, 1<<20, 1)},
		"argon2id-chacha20": {KDF: KDFArgon2id(2, 1<<20, 2), ChaCha20: true},
		"aeskdf-chacha20":   {KDF: KDFAES(1000), ChaCha20: true},
	} {
		t.Run(name, func(t *testing.T) {
			o.Password, o.Rand = []byte("s3cret"), rand.Reader
			data, err := EncodeKDBX4(doc, o)
			if err != nil {
				t.Fatal(err)
			}
			db := filepath.Join(t.TempDir(), "v.kdbx")
			os.WriteFile(db, data, 0o600)
			if out := keepassxc(t, "s3cret\n", "ls", "-q", "-R", "-f", db); !strings.Contains(out, "Servers/db1") {
				t.Fatalf("keepassxc-cli ls: %q", out)
			}
			res, err := ParseKDBX(data, interchange.Options{Password: []byte("s3cret")})
			if err != nil {
				t.Fatal(err)
			}
			want := richWant()
			for i := range want { // unmarked in this document
				for j := range want[i].Fields {
					if want[i].Fields[j].Label == "PIN" {
						want[i].Fields[j].Kind = model.KindText
					}
				}
			}
			checkItems(t, res.Items, want)
		})
	}
}
