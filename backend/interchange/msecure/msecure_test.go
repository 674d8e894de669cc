package msecure

import (
	"errors"
	"testing"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/interchangetest"
	"vaultbar/backend/model"
)

type F = []interchange.Field

func TestV6EveryFieldKind(t *testing.T) {
	data := interchangetest.Fixture(t, "msecure6.csv")
	if !V6.Sniff("export.csv", data) || V5.Sniff("export.csv", data) {
		t.Fatal("mSecure 6 file not told apart from 4/5")
	}
	res, err := V6.Parse(data, interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	interchangetest.SameItems(t, res.Items, []interchange.Item{
		{Type: "login", Title: "Bitwarden", Group: "Personal", Fields: F{
			interchangetest.Site("bitwarden.com"),
			interchangetest.User("bitwarden user"),
			interchangetest.Pass("bitpassword")}},
		{Type: "login", Title: "Example", Group: "work", Tags: []string{"travel"}, Notes: "First line\nsecond line |", Fields: F{
			interchangetest.Site("example2.com"),
			interchangetest.User("username || lol"),
			interchangetest.Pass("pa|ss|word"),
			interchangetest.Fld("otp", "One-Time Password", model.KindSecret, "JBSWY3DPEHPK3PXP"),
			interchangetest.Fld("", "Recovery Email", model.KindEmail, "me@example.com")}},
		{Type: "credit-card", Title: "myCreditCard", Fields: F{
			interchangetest.Fld("number", "Card Number", model.KindSecret, "41111111111111111"),
			interchangetest.Fld("expiry", "Expiration Date", model.KindDate, "05/2026"),
			interchangetest.Fld("cvv", "Security Code", model.KindSecret, "123"),
			interchangetest.Fld("cardholder", "Name on Card", model.KindText, "John Doe"),
			interchangetest.Fld("pin", "PIN", model.KindSecret, "1234"),
			interchangetest.Fld("bank", "Issuing Bank", model.KindText, "Visa"),
			interchangetest.Fld("", "Billing Address", model.KindText, "1 Main St")}},
		{Type: "wifi", Title: "Home Router", Fields: F{
			interchangetest.Fld("ssid", "Network Name", model.KindText, "homenet"),
			interchangetest.Fld("password", "Wireless Password", model.KindSecret, "wifi-pw"),
			interchangetest.Fld("security", "Security", model.KindText, "WPA2"),
			interchangetest.Fld("", "Admin Port", model.KindNumber, "8080")}},
		{Type: "membership", Title: "Gym", Fields: F{
			interchangetest.Fld("org", "Organization", model.KindText, "FitCo"),
			interchangetest.Fld("number", "Member ID", model.KindText, "M-991"),
			interchangetest.Fld("expiry", "Expiration Date", model.KindDate, "2027-01-31"),
			interchangetest.Fld("phone", "Phone Number", model.KindPhone, "+1 555 0100")}},
		{TypeName: "Combination Lock", Title: "Locker", Fields: F{
			interchangetest.Fld("", "Combination", model.KindSecret, "12-34-56"),
			interchangetest.Fld("", "Location", model.KindText, "Basement")}},
		{Type: "secure-note", Title: "Shopping list", Notes: "eggs\nmilk"},
	})
}

func TestV5TemplatesByPosition(t *testing.T) {
	data := interchangetest.Fixture(t, "msecure5.csv")
	if !V5.Sniff("export.csv", data) || V6.Sniff("export.csv", data) {
		t.Fatal("mSecure 4/5 file not told apart from 6")
	}
	res, err := V5.Parse(data, interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	interchangetest.SameItems(t, res.Items, []interchange.Item{
		{Type: "login", Title: "GitHub", Group: "Personal", Notes: "my notes\nsecond line", Fields: F{
			interchangetest.Fld("url", "URL", model.KindURL, "https://github.com"),
			interchangetest.User("alice"),
			interchangetest.Pass("gh-pass")}},
		{Type: "credit-card", Title: "Visa Gold", Notes: "multi\nline", Fields: F{
			interchangetest.Fld("number", "Card No.", model.KindSecret, "4111111111111111"),
			interchangetest.Fld("expiry", "Expiration Date", model.KindDate, "12/2028"),
			interchangetest.Fld("cvv", "Security Code", model.KindSecret, "321"),
			interchangetest.Fld("cardholder", "Name", model.KindText, "Alice Smith"),
			interchangetest.Fld("pin", "PIN", model.KindSecret, "9876"),
			interchangetest.Fld("bank", "Bank", model.KindText, "First Bank"),
			interchangetest.Fld("", "Phone Number", model.KindPhone, "555-0199"),
			interchangetest.Fld("", "Billing Address", model.KindText, "1 Main St, Springfield")}},
		{Type: "bank-account", Title: "Checking", Group: "Business", Fields: F{
			interchangetest.Fld("account", "Account Number", model.KindSecret, "123456789"),
			interchangetest.Fld("pin", "PIN", model.KindSecret, "4321"),
			interchangetest.Fld("holder", "Name", model.KindText, "Alice Smith"),
			interchangetest.Fld("", "Branch", model.KindText, "Downtown"),
			interchangetest.Fld("routing", "Routing Number", model.KindSecret, "021000021"),
			interchangetest.Fld("", "Account Type", model.KindText, "Checking"),
			interchangetest.Fld("phone", "Phone No.", model.KindPhone, "555-0101")}},
		{Type: "email-account", Title: "Work Mail", Fields: F{
			interchangetest.Fld("email", "Username", model.KindText, "alice@example.com"),
			interchangetest.Pass("mail-pw"),
			interchangetest.Fld("imap", "Incoming Mail Server", model.KindText, "imap.example.com"),
			interchangetest.Fld("", "Incoming Port", model.KindText, "993"),
			interchangetest.Fld("smtp", "Outgoing Mail Server", model.KindText, "smtp.example.com"),
			interchangetest.Fld("", "Outgoing Port", model.KindText, "465")}},
		{Type: "membership", Title: "Gym", Group: "Personal", Fields: F{
			interchangetest.Fld("number", "Account Number", model.KindSecret, "M-991"),
			interchangetest.Fld("member", "Name", model.KindText, "Alice Smith"),
			interchangetest.Fld("", "Start Date", model.KindDate, "01/2020"),
			interchangetest.Fld("expiry", "Expiration Date", model.KindDate, "01/2027")}},
		{Type: "insurance", Title: "Car", Group: "Personal", Fields: F{
			interchangetest.Fld("policy", "Policy No.", model.KindSecret, "POL-1"),
			interchangetest.Fld("", "Group No.", model.KindSecret, "GRP-2"),
			interchangetest.Fld("", "Name", model.KindText, "Alice Smith"),
			interchangetest.Fld("", "Date", model.KindDate, "2024-01-01"),
			interchangetest.Fld("phone", "Phone No.", model.KindPhone, "555-0102")}},
		{Type: "social-security", Title: "SSN", Group: "Personal", Fields: F{
			interchangetest.Fld("name", "Name", model.KindText, "Alice Smith"),
			interchangetest.Fld("number", "Number", model.KindSecret, "078-05-1120")}},
		{Type: "secure-note", Title: "Secret recipe", Notes: "flour, water"},
		{TypeName: "Combination", Title: "Locker", Group: "Personal", Fields: F{
			interchangetest.Fld("", "Code", model.KindSecret, "12-34-56")}},
		{TypeName: "Pet Records", Title: "Rex", Group: "Personal", Fields: F{
			interchangetest.Fld("", "Field 1", model.KindText, "Labrador"),
			interchangetest.Fld("", "Field 2", model.KindText, "2019-05-01"),
			interchangetest.Fld("", "Field 3", model.KindText, "extra value")}},
	})
}

// TestV5WindowsExport: mSecure for Windows writes Latin-1, escapes quotes
// as \" and line breaks as a literal \n, and uses the older plural types.
func TestV5WindowsExport(t *testing.T) {
	data := interchangetest.Fixture(t, "msecure5-windows.csv")
	res := interchangetest.Parse(t, V5, "export.csv", data, interchange.Options{})
	interchangetest.SameItems(t, res.Items, []interchange.Item{
		{Type: "login", Title: "Café", Group: "Personal", Notes: "say \"hi\"\nthen go", Fields: F{
			interchangetest.Fld("url", "URL", model.KindURL, "https://cafe.example"),
			interchangetest.User("françois"),
			interchangetest.Pass(`p"w`)}},
		{Type: "credit-card", Title: "Old Visa", Fields: F{
			interchangetest.Fld("number", "Card No.", model.KindSecret, "4111111111111111"),
			interchangetest.Fld("expiry", "Expiration Date", model.KindDate, "12/28"),
			interchangetest.Fld("cardholder", "Name", model.KindText, "Alice Smith"),
			interchangetest.Fld("pin", "PIN", model.KindSecret, "9876"),
			interchangetest.Fld("bank", "Bank", model.KindText, "First Bank"),
			interchangetest.Fld("cvv", "Security Code", model.KindSecret, "321")}},
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
