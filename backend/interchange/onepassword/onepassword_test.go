package onepassword

import (
	"archive/zip"
	"bytes"
	"errors"
	"testing"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/interchangetest"
	"vaultbar/backend/model"
)

// makeZip writes a zip of the named entries in order, as 1Password does
// (export.attributes first).
func makeZip(t testing.TB, entries ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(e[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pux(t testing.TB) []byte {
	return makeZip(t, [2]string{"export.attributes", string(interchangetest.Fixture(t, "export.attributes"))},
		[2]string{"export.data", string(interchangetest.Fixture(t, "export.data"))},
		[2]string{"files/doc1__codes.png", "png"})
}

type F = []interchange.Field

func TestPUXEveryCategoryAndValueKind(t *testing.T) {
	data := pux(t)
	if !PUX.Sniff("1PasswordExport.1pux", data) || !PUX.Sniff("renamed.zip", data) {
		t.Error("Sniff did not recognise a 1PUX")
	}
	res, err := PUX.Parse(data, interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	interchangetest.SameItems(t, res.Items, []interchange.Item{
		{Type: "login", Title: "GitHub", Notes: "main account", Group: "Personal", Tags: []string{"dev", "work"}, Favorite: true,
			Created: interchangetest.Unix(1614298956), Modified: interchangetest.Unix(1635346445), Attachments: []string{"codes.png"},
			Fields: F{
				interchangetest.Fld("username", "username", model.KindText, "alice"),
				interchangetest.Fld("password", "password", model.KindSecret, "hunter2"),
				interchangetest.Fld("", "remember", model.KindText, "on"),
				interchangetest.Fld("", "email", model.KindEmail, "a@example.com"),
				interchangetest.Fld("url", "website", model.KindURL, "https://github.com/login"),
				interchangetest.Fld("", "enterprise", model.KindURL, "https://ghe.example.com"),
				interchangetest.Fld("otp", "one-time password", model.KindOTP, "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP"),
				interchangetest.Fld("", "Recovery: PIN", model.KindSecret, "9911"),
				interchangetest.Fld("", "Recovery: backup email", model.KindEmail, "a@backup.example"),
				interchangetest.Fld("", "Recovery: phone", model.KindPhone, "+1 555 0100"),
				interchangetest.Fld("", "Recovery: help page", model.KindURL, "https://help.example"),
				interchangetest.Fld("", "Recovery: since", model.KindDate, "2020-01-01"),
				interchangetest.Fld("", "Recovery: note", model.KindText, "kept in a drawer"),
				interchangetest.Fld("", "Recovery: level", model.KindText, "gold"),
			},
			History: []interchange.Version{
				{Time: interchangetest.Unix(1620000000), Fields: F{interchangetest.Fld("password", "password", model.KindSecret, "oldest")}},
				{Time: interchangetest.Unix(1630000000), Fields: F{interchangetest.Fld("password", "password", model.KindSecret, "newer-old")}},
			}},
		{Type: "credit-card", Title: "Visa", Group: "Personal", Archived: true, Created: interchangetest.Unix(1600000000), Modified: interchangetest.Unix(1600000000),
			Fields: F{
				interchangetest.Fld("cardholder", "cardholder name", model.KindText, "Alice Smith"),
				interchangetest.Fld("", "type", model.KindText, "visa"),
				interchangetest.Fld("number", "number", model.KindSecret, "4111111111111111"),
				interchangetest.Fld("cvv", "verification number", model.KindSecret, "123"),
				interchangetest.Fld("expiry", "expiry date", model.KindDate, "10/2029"),
				interchangetest.Fld("bank", "Contact Information: issuing bank", model.KindText, "First Bank"),
				interchangetest.Fld("", "Contact Information: billing address", model.KindNote, "1 Main St\nSpringfield IL 62701\nUS"),
			}},
		{Type: "wifi", Title: "Home Wi-Fi", Group: "Personal", Created: interchangetest.Unix(1600000000), Modified: interchangetest.Unix(1600000001),
			Fields: F{
				interchangetest.Fld("", "base station name", model.KindText, "Airport"),
				interchangetest.Fld("ssid", "network name", model.KindText, "homenet"),
				interchangetest.Fld("password", "wireless network password", model.KindSecret, "wifi-pw"),
				interchangetest.Fld("security", "wireless security", model.KindText, "wpa2p"),
			}},
		{Type: "password", Title: "Router admin", Group: "Personal",
			Fields: F{interchangetest.Fld("password", "password", model.KindSecret, "just-a-password")}},
		{TypeName: "Document", Title: "Lease", Notes: "scan of lease", Group: "Personal", Trashed: true, Attachments: []string{"lease.pdf"}},
		{Type: "identity", Title: "Alice", Group: "Personal", Fields: F{
			interchangetest.Fld("first", "Identification: first name", model.KindText, "Alice"),
			interchangetest.Fld("last", "Identification: last name", model.KindText, "Smith"),
			interchangetest.Fld("birth", "Identification: birth date", model.KindDate, "1990-01-01"),
			interchangetest.Fld("", "Identification: score", model.KindText, "42"),
		}},
	})
}

func TestCSV(t *testing.T) {
	data := interchangetest.Fixture(t, "1password.csv")
	res := interchangetest.Parse(t, CSV, "1PasswordExport.csv", data, interchange.Options{})
	interchangetest.SameItems(t, res.Items, []interchange.Item{
		{Type: "login", Title: "GitHub", Notes: "two\nlines", Favorite: true, Tags: []string{"dev", "work"}, Fields: F{
			interchangetest.Site("https://github.com"),
			interchangetest.User("alice"),
			interchangetest.Pass("hunter2"),
			interchangetest.OTP("otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP")}},
		{Type: "login", Title: "Old forum", Archived: true, Fields: F{
			interchangetest.Site("https://forum.example"),
			interchangetest.User("al"),
			interchangetest.Pass("pw")}},
	})
}

func TestPUXBadFiles(t *testing.T) {
	full := pux(t)
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"cut short", full[:len(full)/2], interchange.ErrDamaged},
		{"not a zip", []byte("PK\x03\x04 nothing else"), interchange.ErrDamaged},
		{"zip without export.data", makeZip(t, [2]string{"export.attributes", "{}"}), interchange.ErrUnknownFormat},
		{"export.data cut short", makeZip(t, [2]string{"export.data", `{"accounts": [{"vaults": [`}), interchange.ErrDamaged},
		{"export.data of another shape", makeZip(t, [2]string{"export.data", `{"accounts": 3}`}), interchange.ErrUnknownFormat},
		{"flipped byte in export.data", flipData(t, full), interchange.ErrDamaged},
	}
	for _, c := range cases {
		if _, err := PUX.Parse(c.data, interchange.Options{}); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}
}

// flipData changes one byte inside export.data's stored bytes, which the
// zip's CRC must catch.
func flipData(t *testing.T, z []byte) []byte {
	out := append([]byte{}, z...)
	i := bytes.Index(out, []byte("export.data"))
	if i < 0 {
		t.Fatal("no export.data in the zip")
	}
	out[i+len("export.data")+40] ^= 0x55
	return out
}

func TestPUXTrashedStateAndBOM(t *testing.T) {
	data := makeZip(t, [2]string{"export.data", "\xef\xbb\xbf" + `{"accounts":[{"vaults":[{"attrs":{"name":"Shared"},"items":[
		{"state":"deleted","categoryUuid":"003","overview":{"title":"gone"},"details":{"notesPlain":"n"}},
		{"state":"active","categoryUuid":"999","overview":{"title":"new kind"}}]}]}]}`})
	res, err := PUX.Parse(data, interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	interchangetest.SameItems(t, res.Items, []interchange.Item{
		{Type: "secure-note", Title: "gone", Notes: "n", Group: "Shared", Trashed: true},
		{TypeName: "1Password category 999", Title: "new kind", Group: "Shared"},
	})
}

// TestPUXFileFromAnotherZipWriter reads testdata/sample.1pux, zipped by
// Python's zipfile rather than Go's, to the same items.
func TestPUXFileFromAnotherZipWriter(t *testing.T) {
	data := interchangetest.Fixture(t, "sample.1pux")
	if !PUX.Sniff("sample.1pux", data[:min(len(data), 4096)]) {
		t.Error("Sniff did not recognise sample.1pux")
	}
	want, err := PUX.Parse(pux(t), interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := PUX.Parse(data, interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	interchangetest.SameItems(t, got.Items, want.Items)
}
