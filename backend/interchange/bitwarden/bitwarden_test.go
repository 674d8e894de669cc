package bitwarden

import (
	"errors"
	"strings"
	"testing"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/interchangetest"
	"vaultbar/backend/model"
)

type F = []interchange.Field

// jsonItems is what testdata/bitwarden.json holds, field by field.
func jsonItems() []interchange.Item {
	return []interchange.Item{
		{Type: "login", Title: "db01 admin", Notes: "rack 4", Favorite: true, Group: "Work / Servers",
			Created: interchangetest.Day("2022-01-01T08:00:00Z"), Modified: interchangetest.Day("2024-03-01T12:00:00Z"),
			Fields: F{
				interchangetest.User("root"),
				interchangetest.Pass("toor"),
				interchangetest.Site("https://db01.example.com"),
				interchangetest.Fld("", "Website", model.KindURL, "https://backup.example.com"),
				interchangetest.OTP("otpauth://totp/db01?secret=JBSWY3DPEHPK3PXP"),
				interchangetest.Fld("", "Region", model.KindText, "eu-west"),
				interchangetest.Fld("", "API secret", model.KindSecret, "s3cr3t"),
				interchangetest.Fld("", "Enabled", model.KindText, "true"),
				interchangetest.Fld("", "Login name", model.KindText, "linked to Username"),
			},
			History: []interchange.Version{
				{Time: interchangetest.Day("2023-06-01T10:00:00Z"), Fields: F{interchangetest.Pass("first-old")}},
				{Time: interchangetest.Day("2024-02-01T10:00:00Z"), Fields: F{interchangetest.Pass("second-old")}},
			}},
		{Type: "secure-note", Title: "Wifi at home", Notes: "ssid: home\npassword: later"},
		{Type: "credit-card", Title: "Visa", Group: "Personal", Fields: F{
			interchangetest.Fld("cardholder", "Cardholder Name", model.KindText, "Alice Smith"),
			interchangetest.Fld("", "Brand", model.KindText, "Visa"),
			interchangetest.Fld("number", "Number", model.KindSecret, "4111111111111111"),
			interchangetest.Fld("expiry", "Expiration", model.KindDate, "07/2029"),
			interchangetest.Fld("cvv", "Security Code", model.KindPIN, "123")}},
		{Type: "identity", Title: "Me", Fields: F{
			interchangetest.Fld("", "Title", model.KindText, "Dr"),
			interchangetest.Fld("first", "First Name", model.KindText, "Alice"),
			interchangetest.Fld("", "Middle Name", model.KindText, "B"),
			interchangetest.Fld("last", "Last Name", model.KindText, "Smith"),
			interchangetest.Fld("", "Company", model.KindText, "Acme"),
			interchangetest.Fld("email", "Email", model.KindEmail, "alice@example.com"),
			interchangetest.Fld("phone", "Phone", model.KindPhone, "+1 555 0100"),
			interchangetest.Fld("address", "Address", model.KindNote, "1 Main St\nApt 2\nSpringfield IL 62701\nUS"),
			interchangetest.Fld("", "Social Security Number", model.KindSecret, "078-05-1120"),
			interchangetest.Fld("", "Username", model.KindText, "asmith"),
			interchangetest.Fld("", "Passport Number", model.KindSecret, "X1234567"),
			interchangetest.Fld("", "License Number", model.KindSecret, "D-99")}},
		{TypeName: "SSH Key", Title: "deploy key", Trashed: true, Fields: F{
			interchangetest.Fld("", "Private Key", model.KindSecret, "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----"),
			interchangetest.Fld("", "Public Key", model.KindText, "ssh-ed25519 AAAA"),
			interchangetest.Fld("", "Fingerprint", model.KindText, "SHA256:xyz")}},
	}
}

func TestJSONEveryItemAndFieldType(t *testing.T) {
	data := interchangetest.Fixture(t, "bitwarden.json")
	res := interchangetest.Parse(t, JSON, "bitwarden_export.json", data, interchange.Options{})
	interchangetest.SameItems(t, res.Items, jsonItems())
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
	data := interchangetest.Fixture(t, "bitwarden.csv")
	res := interchangetest.Parse(t, CSV, "bitwarden.csv", data, interchange.Options{})
	interchangetest.SameItems(t, res.Items, []interchange.Item{
		{Type: "login", Title: "db01", Notes: "rack 4\nrow 2", Favorite: true, Group: "Work / Servers", Fields: F{
			interchangetest.User("root"),
			interchangetest.Pass("toor"),
			interchangetest.Site("https://db01.example.com"),
			interchangetest.Fld("", "Website", model.KindURL, "https://backup.example.com"),
			interchangetest.OTP("JBSWY3DPEHPK3PXP"),
			interchangetest.Fld("", "Region", model.KindText, "eu-west"),
			interchangetest.Fld("", "Enabled", model.KindText, "true")}},
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
	interchangetest.SameItems(t, res.Items, []interchange.Item{{Type: "secure-note", Title: "runbook", Group: "Team / Ops"}})
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
