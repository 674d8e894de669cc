package msecure

import (
	"errors"
	"os"
	"reflect"
	"testing"

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

func TestV6EveryFieldKind(t *testing.T) {
	data := fixture(t, "msecure6.csv")
	if !V6.Sniff("export.csv", data) || V5.Sniff("export.csv", data) {
		t.Fatal("mSecure 6 file not told apart from 4/5")
	}
	res, err := V6.Parse(data, interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, res.Items, []interchange.Item{
		{Type: "login", Title: "Bitwarden", Group: "Personal", Fields: F{
			fld("url", "Website", model.KindURL, "bitwarden.com"),
			fld("username", "Username", model.KindText, "bitwarden user"),
			fld("password", "Password", model.KindSecret, "bitpassword")}},
		{Type: "login", Title: "Example", Group: "work", Tags: []string{"travel"}, Notes: "First line\nsecond line |", Fields: F{
			fld("url", "Website", model.KindURL, "example2.com"),
			fld("username", "Username", model.KindText, "username || lol"),
			fld("password", "Password", model.KindSecret, "pa|ss|word"),
			fld("otp", "One-Time Password", model.KindSecret, "JBSWY3DPEHPK3PXP"),
			fld("", "Recovery Email", model.KindEmail, "me@example.com")}},
		{Type: "credit-card", Title: "myCreditCard", Fields: F{
			fld("number", "Card Number", model.KindSecret, "41111111111111111"),
			fld("expiry", "Expiration Date", model.KindDate, "05/2026"),
			fld("cvv", "Security Code", model.KindSecret, "123"),
			fld("cardholder", "Name on Card", model.KindText, "John Doe"),
			fld("pin", "PIN", model.KindSecret, "1234"),
			fld("bank", "Issuing Bank", model.KindText, "Visa"),
			fld("", "Billing Address", model.KindText, "1 Main St")}},
		{Type: "wifi", Title: "Home Router", Fields: F{
			fld("ssid", "Network Name", model.KindText, "homenet"),
			fld("password", "Wireless Password", model.KindSecret, "wifi-pw"),
			fld("security", "Security", model.KindText, "WPA2"),
			fld("", "Admin Port", model.KindNumber, "8080")}},
		{Type: "membership", Title: "Gym", Fields: F{
			fld("org", "Organization", model.KindText, "FitCo"),
			fld("number", "Member ID", model.KindText, "M-991"),
			fld("expiry", "Expiration Date", model.KindDate, "2027-01-31"),
			fld("phone", "Phone Number", model.KindPhone, "+1 555 0100")}},
		{TypeName: "Combination Lock", Title: "Locker", Fields: F{
			fld("", "Combination", model.KindSecret, "12-34-56"),
			fld("", "Location", model.KindText, "Basement")}},
		{Type: "secure-note", Title: "Shopping list", Notes: "eggs\nmilk"},
	})
}

func TestV5TemplatesByPosition(t *testing.T) {
	data := fixture(t, "msecure5.csv")
	if !V5.Sniff("export.csv", data) || V6.Sniff("export.csv", data) {
		t.Fatal("mSecure 4/5 file not told apart from 6")
	}
	res, err := V5.Parse(data, interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, res.Items, []interchange.Item{
		{Type: "login", Title: "GitHub", Group: "Personal", Notes: "my notes\nsecond line", Fields: F{
			fld("url", "URL", model.KindURL, "https://github.com"),
			fld("username", "Username", model.KindText, "alice"),
			fld("password", "Password", model.KindSecret, "gh-pass")}},
		{Type: "credit-card", Title: "Visa Gold", Notes: "multi\nline", Fields: F{
			fld("number", "Card No.", model.KindSecret, "4111111111111111"),
			fld("expiry", "Expiration Date", model.KindDate, "12/2028"),
			fld("cvv", "Security Code", model.KindSecret, "321"),
			fld("cardholder", "Name", model.KindText, "Alice Smith"),
			fld("pin", "PIN", model.KindSecret, "9876"),
			fld("bank", "Bank", model.KindText, "First Bank"),
			fld("", "Phone Number", model.KindPhone, "555-0199"),
			fld("", "Billing Address", model.KindText, "1 Main St, Springfield")}},
		{Type: "bank-account", Title: "Checking", Group: "Business", Fields: F{
			fld("account", "Account Number", model.KindSecret, "123456789"),
			fld("pin", "PIN", model.KindSecret, "4321"),
			fld("holder", "Name", model.KindText, "Alice Smith"),
			fld("", "Branch", model.KindText, "Downtown"),
			fld("routing", "Routing Number", model.KindSecret, "021000021"),
			fld("", "Account Type", model.KindText, "Checking"),
			fld("phone", "Phone No.", model.KindPhone, "555-0101")}},
		{Type: "email-account", Title: "Work Mail", Fields: F{
			fld("email", "Username", model.KindText, "alice@example.com"),
			fld("password", "Password", model.KindSecret, "mail-pw"),
			fld("imap", "Incoming Mail Server", model.KindText, "imap.example.com"),
			fld("", "Incoming Port", model.KindText, "993"),
			fld("smtp", "Outgoing Mail Server", model.KindText, "smtp.example.com"),
			fld("", "Outgoing Port", model.KindText, "465")}},
		{Type: "membership", Title: "Gym", Group: "Personal", Fields: F{
			fld("number", "Account Number", model.KindSecret, "M-991"),
			fld("member", "Name", model.KindText, "Alice Smith"),
			fld("", "Start Date", model.KindDate, "01/2020"),
			fld("expiry", "Expiration Date", model.KindDate, "01/2027")}},
		{Type: "insurance", Title: "Car", Group: "Personal", Fields: F{
			fld("policy", "Policy No.", model.KindSecret, "POL-1"),
			fld("", "Group No.", model.KindSecret, "GRP-2"),
			fld("", "Name", model.KindText, "Alice Smith"),
			fld("", "Date", model.KindDate, "2024-01-01"),
			fld("phone", "Phone No.", model.KindPhone, "555-0102")}},
		{Type: "social-security", Title: "SSN", Group: "Personal", Fields: F{
			fld("name", "Name", model.KindText, "Alice Smith"),
			fld("number", "Number", model.KindSecret, "078-05-1120")}},
		{Type: "secure-note", Title: "Secret recipe", Notes: "flour, water"},
		{TypeName: "Combination", Title: "Locker", Group: "Personal", Fields: F{
			fld("", "Code", model.KindSecret, "12-34-56")}},
		{TypeName: "Pet Records", Title: "Rex", Group: "Personal", Fields: F{
			fld("", "Field 1", model.KindText, "Labrador"),
			fld("", "Field 2", model.KindText, "2019-05-01"),
			fld("", "Field 3", model.KindText, "extra value")}},
	})
}

// TestV5WindowsExport: mSecure for Windows writes Latin-1, escapes quotes
// as \" and line breaks as a literal \n, and uses the older plural types.
func TestV5WindowsExport(t *testing.T) {
	data := fixture(t, "msecure5-windows.csv")
	if !V5.Sniff("export.csv", data) {
		t.Error("Sniff did not recognise a Windows mSecure export")
	}
	res, err := V5.Parse(data, interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, res.Items, []interchange.Item{
		{Type: "login", Title: "Café", Group: "Personal", Notes: "say \"hi\"\nthen go", Fields: F{
			fld("url", "URL", model.KindURL, "https://cafe.example"),
			fld("username", "Username", model.KindText, "françois"),
			fld("password", "Password", model.KindSecret, `p"w`)}},
		{Type: "credit-card", Title: "Old Visa", Fields: F{
			fld("number", "Card No.", model.KindSecret, "4111111111111111"),
			fld("expiry", "Expiration Date", model.KindDate, "12/28"),
			fld("cardholder", "Name", model.KindText, "Alice Smith"),
			fld("pin", "PIN", model.KindSecret, "9876"),
			fld("bank", "Bank", model.KindText, "First Bank"),
			fld("cvv", "Security Code", model.KindSecret, "321")}},
	})
}

func TestV5SniffLooksPastAUserType(t *testing.T) {
	head := []byte("Personal,Pet Records,Rex,,Labrador\nPersonal,Login,GitHub,,https://github.com,alice,pw\n")
	if !V5.Sniff("export.csv", head) {
		t.Error("an export starting with a user-made type is not recognised")
	}
	if V5.Sniff("x.csv", []byte("a,b,c,d\ne,f,g,h\n")) {
		t.Error("a CSV naming no mSecure type is claimed")
	}
}

func TestV5SniffLeavesHeadedCSVsAlone(t *testing.T) {
	if V5.Sniff("x.csv", []byte("Account,Login,Password,Website\nx,y,z,w\n")) {
		t.Error("mSecure 4/5 claims a CSV with a header line")
	}
}

func TestBadFiles(t *testing.T) {
	cases := []struct {
		name string
		f    interchange.Format
		data string
		want error
	}{
		{"6 without its first line", V6, "Bitwarden|1,Login,,,\n", interchange.ErrColumns},
		{"6 cut in a quote", V6, magic6 + "\nA|1,Login,,\"unfinished\n", interchange.ErrDamaged},
		{"5 cut in a quote", V5, "Personal,Login,GitHub,\"half", interchange.ErrDamaged},
		{"5 given a 6 file", V5, magic6 + "\nA|1,Login,,,\n", interchange.ErrColumns},
		{"5 too few columns", V5, "Personal,Login\n", interchange.ErrColumns},
	}
	for _, c := range cases {
		if _, err := c.f.Parse([]byte(c.data), interchange.Options{}); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}
}

func TestShortRowsDoNotPanic(t *testing.T) {
	res, err := V6.Parse([]byte(magic6+"\r\nOnly title|5,Login\r\n,,,\r\nlonely\r\n"), interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 1 || res.Items[0].Title != "Only title" || len(res.Skipped) != 1 {
		t.Errorf("got %+v", res)
	}
}

func TestTitleKeepsPipesThatAreNotAnID(t *testing.T) {
	for in, want := range map[string]string{"a|b": "a|b", "a|b|123": "a|b", "plain": "plain", "x|": "x"} {
		if got := titleV6(in); got != want {
			t.Errorf("titleV6(%q) = %q, want %q", in, got, want)
		}
	}
}
