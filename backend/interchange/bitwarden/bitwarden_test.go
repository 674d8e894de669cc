package bitwarden

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"vaultbar/backend/interchange"
	"vaultbar/backend/model"
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type F = []interchange.Field

func fld(key, label string, kind model.FieldKind, v string) interchange.Field {
	return interchange.Field{Key: key, Label: label, Kind: kind, Value: v}
}

func day(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func sameItems(t *testing.T, got, want []interchange.Item) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d items, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("item %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

// jsonItems is what testdata/bitwarden.json holds, field by field.
func jsonItems() []interchange.Item {
	return []interchange.Item{
		{Type: "login", Title: "db01 admin", Notes: "rack 4", Favorite: true, Group: "Work / Servers",
			Created: day("2022-01-01T08:00:00Z"), Modified: day("2024-03-01T12:00:00Z"),
			Fields: F{
				fld("username", "Username", model.KindText, "root"),
				fld("password", "Password", model.KindSecret, "toor"),
				fld("url", "Website", model.KindURL, "https://db01.example.com"),
				fld("", "Website", model.KindURL, "https://backup.example.com"),
				fld("otp", "One-Time Password", model.KindOTP, "otpauth://totp/db01?secret=JBSWY3DPEHPK3PXP"),
				fld("", "Region", model.KindText, "eu-west"),
				fld("", "API secret", model.KindSecret, "s3cr3t"),
				fld("", "Enabled", model.KindText, "true"),
				fld("", "Login name", model.KindText, "linked to Username"),
			},
			History: []interchange.Version{
				{Time: day("2023-06-01T10:00:00Z"), Fields: F{fld("password", "Password", model.KindSecret, "first-old")}},
				{Time: day("2024-02-01T10:00:00Z"), Fields: F{fld("password", "Password", model.KindSecret, "second-old")}},
			}},
		{Type: "secure-note", Title: "Wifi at home", Notes: "ssid: home\npassword: later"},
		{Type: "credit-card", Title: "Visa", Group: "Personal", Fields: F{
			fld("cardholder", "Cardholder Name", model.KindText, "Alice Smith"),
			fld("", "Brand", model.KindText, "Visa"),
			fld("number", "Number", model.KindSecret, "4111111111111111"),
			fld("expiry", "Expiration", model.KindDate, "07/2029"),
			fld("cvv", "Security Code", model.KindPIN, "123")}},
		{Type: "identity", Title: "Me", Fields: F{
			fld("", "Title", model.KindText, "Dr"),
			fld("first", "First Name", model.KindText, "Alice"),
			fld("", "Middle Name", model.KindText, "B"),
			fld("last", "Last Name", model.KindText, "Smith"),
			fld("", "Company", model.KindText, "Acme"),
			fld("email", "Email", model.KindEmail, "alice@example.com"),
			fld("phone", "Phone", model.KindPhone, "+1 555 0100"),
			fld("address", "Address", model.KindNote, "1 Main St\nApt 2\nSpringfield IL 62701\nUS"),
			fld("", "Social Security Number", model.KindSecret, "078-05-1120"),
			fld("", "Username", model.KindText, "asmith"),
			fld("", "Passport Number", model.KindSecret, "X1234567"),
			fld("", "License Number", model.KindSecret, "D-99")}},
		{TypeName: "SSH Key", Title: "deploy key", Trashed: true, Fields: F{
			fld("", "Private Key", model.KindSecret, "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----"),
			fld("", "Public Key", model.KindText, "ssh-ed25519 AAAA"),
			fld("", "Fingerprint", model.KindText, "SHA256:xyz")}},
	}
}

func TestJSONEveryItemAndFieldType(t *testing.T) {
	data := fixture(t, "bitwarden.json")
	if !JSON.Sniff("bitwarden_export.json", data) {
		t.Error("Sniff did not recognise a Bitwarden export")
	}
	res, err := JSON.Parse(data, interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, res.Items, jsonItems())
	if res.Encrypted {
		t.Error("a plain export is said to be encrypted at rest")
	}
	if len(res.Skipped) != 1 || res.Skipped[0].Title != "from the future" {
		t.Errorf("skipped = %+v", res.Skipped)
	}
	if len(res.Warnings) != 2 {
		t.Errorf("warnings (passkeys, reprompt) = %q", res.Warnings)
	}
}

func TestCSVLoginsAndNotes(t *testing.T) {
	data := fixture(t, "bitwarden.csv")
	if !CSV.Sniff("bitwarden.csv", data) {
		t.Error("Sniff did not recognise a Bitwarden CSV")
	}
	res, err := CSV.Parse(data, interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, res.Items, []interchange.Item{
		{Type: "login", Title: "db01", Notes: "rack 4\nrow 2", Favorite: true, Group: "Work / Servers", Fields: F{
			fld("username", "Username", model.KindText, "root"),
			fld("password", "Password", model.KindSecret, "toor"),
			fld("url", "Website", model.KindURL, "https://db01.example.com"),
			fld("", "Website", model.KindURL, "https://backup.example.com"),
			fld("otp", "One-Time Password", model.KindOTP, "JBSWY3DPEHPK3PXP"),
			fld("", "Region", model.KindText, "eu-west"),
			fld("", "Enabled", model.KindText, "true")}},
		{Type: "secure-note", Title: "Recipe", Notes: "flour and water"},
	})
	if len(res.Warnings) != 1 {
		t.Errorf("warnings = %q", res.Warnings)
	}
}

func TestBadFiles(t *testing.T) {
	cases := []struct {
		name string
		f    interchange.Format
		data string
		want error
	}{
		{"json cut short", JSON, `{"encrypted": false, "items": [{"name": "x"`, interchange.ErrDamaged},
		{"json of another shape", JSON, `{"encrypted": "no"}`, interchange.ErrUnknownFormat},
		{"account-encrypted", JSON, `{"encrypted": true, "encKeyValidation_DO_NOT_EDIT": "2.a|b|c", "items": []}`, ErrAccountEncrypted},
		{"csv wrong columns", CSV, "name,url,username,password\na,b,c,d\n", interchange.ErrColumns},
		{"csv cut in a quote", CSV, "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n,,login,\"x", interchange.ErrDamaged},
	}
	for _, c := range cases {
		if _, err := c.f.Parse([]byte(c.data), interchange.Options{}); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}
}

func TestOrganizationExportGroupsByCollection(t *testing.T) {
	data := []byte(`{"encrypted": false, "collections": [{"id": "c1", "name": "Team/Ops"}],
		"items": [{"type": 2, "name": "runbook", "collectionIds": ["c1"], "folderId": null}]}`)
	res, err := JSON.Parse(data, interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, res.Items, []interchange.Item{{Type: "secure-note", Title: "runbook", Group: "Team / Ops"}})
}

func TestAccountEncryptedIsExplained(t *testing.T) {
	_, err := JSON.Parse([]byte(`{"encrypted": true, "encKeyValidation_DO_NOT_EDIT": "2.a|b|c", "items": []}`), interchange.Options{Password: []byte("x")})
	msg, hint, ok := Explain(err)
	if !ok || !strings.Contains(msg, "account") || !strings.Contains(hint, "Password protected") {
		t.Errorf("Explain(%v) = %q, %q, %v", err, msg, hint, ok)
	}
	if !errors.Is(err, interchange.ErrUnknownFormat) {
		t.Errorf("%v is not an ErrUnknownFormat", err)
	}
	if _, _, ok := Explain(interchange.ErrDamaged); ok {
		t.Error("Explain claims an unrelated error")
	}
}
