package enpass

import (
	"errors"
	"os"
	"reflect"
	"testing"
	"time"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/csvfmt"
	"vaultbar/backend/model"
)

func fixture(t testing.TB, name string) []byte {
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

func unix(s int64) time.Time { return time.Unix(s, 0).UTC() }

func TestEveryFieldTypeAndState(t *testing.T) {
	data := fixture(t, "enpass.json")
	if !JSON.Sniff("enpass.json", data) {
		t.Error("Sniff did not recognise an Enpass export")
	}
	res, err := JSON.Parse(data, interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []interchange.Item{
		{Type: "login", Title: "GitHub", Notes: "main account", Favorite: true, Group: "Work / Servers", Tags: []string{"Shared"},
			Created: unix(1527150000), Modified: unix(1527150161), Attachments: []string{"recovery.pdf"},
			Fields: F{
				fld("username", "Username", model.KindText, "alice"),
				fld("", "E-mail", model.KindEmail, "alice@example.com"),
				fld("password", "Password", model.KindSecret, "hunter2"),
				fld("url", "Website", model.KindURL, "https://github.com"),
				fld("otp", "One-time code", model.KindOTP, "JBSWY3DPEHPK3PXP"),
				fld("", "Security answer", model.KindSecret, "blue"),
				fld("", "Phone", model.KindPhone, "+1 555 0100"),
				fld("", "Renewal", model.KindDate, "2025-01-31"),
				fld("", "Seats", model.KindNumber, "5"),
				fld("", "Recovery codes", model.KindNote, "a1\nb2"),
				fld("", "Door", model.KindPIN, "4321"),
			}},
		{Type: "credit-card", Title: "Visa", Archived: true, Created: unix(1500000000), Modified: unix(1500000001), Fields: F{
			fld("cardholder", "Cardholder", model.KindText, "Alice Smith"),
			fld("", "Type", model.KindText, "Visa"),
			fld("number", "Number", model.KindSecret, "4111111111111111"),
			fld("cvv", "CVC", model.KindPIN, "123"),
			fld("pin", "PIN", model.KindPIN, "9876"),
			fld("expiry", "Expiry date", model.KindDate, "10/2029"),
			fld("", "Valid from", model.KindDate, "10/2024"),
			fld("bank", "Issuing bank", model.KindText, "First Bank"),
			fld("", "Transaction password", model.KindSecret, "txn"),
		}},
		{Type: "bank-account", Title: "Checking", Group: "Work", Trashed: true, Fields: F{
			fld("bank", "Bank name", model.KindText, "First Bank"),
			fld("account", "Account number", model.KindSecret, "12345678"),
			fld("iban", "IBAN", model.KindText, "DE89370400440532013000"),
		}},
		{TypeName: "Computer", Title: "Laptop", Notes: "old laptop", Fields: F{fld("", "Serial", model.KindText, "XYZ")}},
		{Type: "secure-note", Title: "House", Notes: "door code is in the drawer"},
	}
	if len(res.Items) != len(want) {
		t.Fatalf("got %d items, want %d", len(res.Items), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(res.Items[i], want[i]) {
			t.Errorf("item %d:\n got %+v\nwant %+v", i, res.Items[i], want[i])
		}
	}
}

func TestBadFiles(t *testing.T) {
	cases := []struct {
		name, data string
		want       error
	}{
		{"cut short", `{"folders": [], "items": [{"title": "x"`, interchange.ErrDamaged},
		{"another shape", `{"items": {"a": 1}}`, interchange.ErrUnknownFormat},
		{"no items", `{"folders": []}`, interchange.ErrUnknownFormat},
	}
	for _, c := range cases {
		if _, err := JSON.Parse([]byte(c.data), interchange.Options{}); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}
}

func TestFolderCycleEnds(t *testing.T) {
	data := `{"folders": [{"uuid": "a", "parent_uuid": "b", "title": "A"}, {"uuid": "b", "parent_uuid": "a", "title": "B"}],
		"items": [{"title": "x", "category": "login", "folders": ["a"]}]}`
	res, err := JSON.Parse([]byte(data), interchange.Options{})
	if err != nil || res.Items[0].Group != "B / A" {
		t.Errorf("group = %q, err = %v", res.Items[0].Group, err)
	}
}

func TestSniffLeavesBitwardenAlone(t *testing.T) {
	if JSON.Sniff("x.json", []byte(`{"encrypted": false, "folders": [{"parent_uuid": ""}]}`)) {
		t.Error("Enpass claims a Bitwarden export")
	}
}

// FuzzParse: no input panics the parser, and items stay bounded by it.
func FuzzParse(f *testing.F) {
	f.Add(fixture(f, "enpass.json"))
	f.Fuzz(func(t *testing.T, data []byte) {
		JSON.Sniff("x.json", data)
		res, err := JSON.Parse(data, interchange.Options{})
		if err == nil && len(res.Items) > len(data) {
			t.Fatalf("%d items from %d bytes", len(res.Items), len(data))
		}
		if err := csvfmt.Valid(res); err != nil {
			t.Fatal(err)
		}
	})
}
