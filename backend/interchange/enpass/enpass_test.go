package enpass

import (
	"errors"
	"testing"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/csvfmt"
	"vaultbar/backend/interchange/interchangetest"
	"vaultbar/backend/model"
)

type F = []interchange.Field

func TestEveryFieldTypeAndState(t *testing.T) {
	data := interchangetest.Fixture(t, "enpass.json")
	res := interchangetest.Parse(t, JSON, "enpass.json", data, interchange.Options{})
	want := []interchange.Item{
		{Type: "login", Title: "GitHub", Notes: "main account", Favorite: true, Group: "Work / Servers", Tags: []string{"Shared"},
			Created: interchangetest.Unix(1527150000), Modified: interchangetest.Unix(1527150161), Attachments: []string{"recovery.pdf"},
			Fields: F{
				interchangetest.User("alice"),
				interchangetest.Fld("", "E-mail", model.KindEmail, "alice@example.com"),
				interchangetest.Pass("hunter2"),
				interchangetest.Site("https://github.com"),
				interchangetest.Fld("otp", "One-time code", model.KindOTP, "JBSWY3DPEHPK3PXP"),
				interchangetest.Fld("", "Security answer", model.KindSecret, "blue"),
				interchangetest.Fld("", "Phone", model.KindPhone, "+1 555 0100"),
				interchangetest.Fld("", "Renewal", model.KindDate, "2025-01-31"),
				interchangetest.Fld("", "Seats", model.KindNumber, "5"),
				interchangetest.Fld("", "Recovery codes", model.KindNote, "a1\nb2"),
				interchangetest.Fld("", "Door", model.KindPIN, "4321"),
			}},
		{Type: "credit-card", Title: "Visa", Archived: true, Created: interchangetest.Unix(1500000000), Modified: interchangetest.Unix(1500000001), Fields: F{
			interchangetest.Fld("cardholder", "Cardholder", model.KindText, "Alice Smith"),
			interchangetest.Fld("", "Type", model.KindText, "Visa"),
			interchangetest.Fld("number", "Number", model.KindSecret, "4111111111111111"),
			interchangetest.Fld("cvv", "CVC", model.KindPIN, "123"),
			interchangetest.Fld("pin", "PIN", model.KindPIN, "9876"),
			interchangetest.Fld("expiry", "Expiry date", model.KindDate, "10/2029"),
			interchangetest.Fld("", "Valid from", model.KindDate, "10/2024"),
			interchangetest.Fld("bank", "Issuing bank", model.KindText, "First Bank"),
			interchangetest.Fld("", "Transaction password", model.KindSecret, "txn"),
		}},
		{Type: "bank-account", Title: "Checking", Group: "Work", Trashed: true, Fields: F{
			interchangetest.Fld("bank", "Bank name", model.KindText, "First Bank"),
			interchangetest.Fld("account", "Account number", model.KindSecret, "12345678"),
			interchangetest.Fld("iban", "IBAN", model.KindText, "DE89370400440532013000"),
		}},
		{TypeName: "Computer", Title: "Laptop", Notes: "old laptop", Fields: F{interchangetest.Fld("", "Serial", model.KindText, "XYZ")}},
		{Type: "secure-note", Title: "House", Notes: "door code is in the drawer"},
	}
	interchangetest.SameItems(t, res.Items, want)
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
	f.Add(interchangetest.Fixture(f, "enpass.json"))
	f.Fuzz(func(t *testing.T, data []byte) {
		interchangetest.ParseBounded(t, data, "x.json", interchange.Options{}, csvfmt.Valid, JSON)
	})
}
