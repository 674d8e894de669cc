package csvfmt

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/interchangetest"
	"vaultbar/backend/model"
)

func parse(t *testing.T, f interchange.Format, name string, opt interchange.Options) interchange.Result {
	t.Helper()
	return interchangetest.Parse(t, f, name, interchangetest.Fixture(t, name), opt)
}

func TestChromeBOMQuotesCRLFMultiline(t *testing.T) {
	res := parse(t, Chrome, "chrome.csv", interchange.Options{})
	interchangetest.SameItems(t, res.Items, []interchange.Item{
		{Type: "login", Title: "GitHub", Fields: []interchange.Field{interchangetest.Site("https://github.com/login"), interchangetest.User("alice"), interchangetest.Pass(`p,w"1`)}},
		{Type: "login", Title: "example.com", Notes: "line one\nline two",
			Fields: []interchange.Field{interchangetest.Site("https://www.example.com/"), interchangetest.User("bob"), interchangetest.Pass("hunter2")}},
	})
}

func TestFirefoxTitlesFromHostAndMillisecondTimes(t *testing.T) {
	res := parse(t, Firefox, "firefox.csv", interchange.Options{})
	interchangetest.SameItems(t, res.Items, []interchange.Item{
		{Type: "login", Title: "accounts.example.org",
			Fields:  []interchange.Field{interchangetest.Site("https://accounts.example.org/login"), interchangetest.User("carol"), interchangetest.Pass("s3cret"), interchangetest.Fld("", "Form Action Origin", model.KindURL, "https://sso.example.org")},
			Created: time.UnixMilli(1700000000000).UTC(), Modified: time.UnixMilli(1700000200000).UTC()},
		{Type: "login", Title: "intranet.example.net",
			Fields:  []interchange.Field{interchangetest.Site("https://intranet.example.net:8443"), interchangetest.User("dave"), interchangetest.Pass("pw"), interchangetest.Fld("", "HTTP Realm", model.KindText, "Staff Only")},
			Created: time.UnixMilli(1600000000000).UTC(), Modified: time.UnixMilli(1600000000000).UTC()},
		{Type: "login", Title: "shop.example.com",
			Fields:  []interchange.Field{interchangetest.Site("https://shop.example.com/cart"), interchangetest.User("erin"), interchangetest.Pass("pw2")},
			Created: time.UnixMilli(1500000000000).UTC(), Modified: time.UnixMilli(1500000000000).UTC()},
	})
}

func TestSafariOTPAuth(t *testing.T) {
	res := parse(t, Safari, "safari.csv", interchange.Options{})
	interchangetest.SameItems(t, res.Items, []interchange.Item{
		{Type: "login", Title: "example.com (erin)", Notes: "remember\nthis", Fields: []interchange.Field{
			interchangetest.Site("https://example.com/"), interchangetest.User("erin"), interchangetest.Pass("pa55"),
			interchangetest.OTP("otpauth://totp/Example:erin?secret=JBSWY3DPEHPK3PXP&issuer=Example")}},
	})
}

func TestKeePassXCGroupsTOTPAndTimes(t *testing.T) {
	res := parse(t, KeePassXC, "keepassxc.csv", interchange.Options{})
	interchangetest.SameItems(t, res.Items, []interchange.Item{
		{Type: "login", Title: "db01", Group: "Work / Servers", Notes: "rack 4", Fields: []interchange.Field{
			interchangetest.User("root"), interchangetest.Pass("toor"), interchangetest.Site("ssh://db01"), interchangetest.OTP("otpauth://totp/db01?secret=GEZDGNBVGY3TQOJQ&period=30&digits=6")},
			Created: time.Date(2023, 1, 2, 3, 4, 5, 0, time.UTC), Modified: time.Date(2024, 3, 4, 5, 6, 7, 0, time.UTC)},
		{Type: "login", Title: "Bank", Fields: []interchange.Field{interchangetest.User("frank"), interchangetest.Pass("m0ney"), interchangetest.Site("https://bank.example")},
			Created: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Modified: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
	})
}

func TestGenericGuessKeepsUnmappedAsCustomFields(t *testing.T) {
	res, err := Generic.Parse(interchangetest.Fixture(t, "generic.csv"), interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	interchangetest.SameItems(t, res.Items, []interchange.Item{
		{Type: "login", Title: "Mail", Notes: "hi", Group: "Personal", Fields: []interchange.Field{
			interchangetest.User("gina@example.com"), interchangetest.Fld("", "Secret", model.KindText, "pw1"), interchangetest.Site("https://mail.example"),
			interchangetest.Fld("", "Security Question", model.KindText, "first pet")}},
	})
}

func TestGenericColumnsFromOptions(t *testing.T) {
	cols := map[string]string{"account": "title", "Secret": "password", "Login Name": "username", "Web Site": "-", "Folder": "group"}
	res, err := Generic.Parse(interchangetest.Fixture(t, "generic.csv"), interchange.Options{Columns: cols})
	if err != nil {
		t.Fatal(err)
	}
	interchangetest.SameItems(t, res.Items, []interchange.Item{
		{Type: "login", Title: "Mail", Group: "Personal", Fields: []interchange.Field{
			interchangetest.User("gina@example.com"), interchangetest.Pass("pw1"), interchangetest.Fld("", "Comments", model.KindText, "hi"),
			interchangetest.Fld("", "Security Question", model.KindText, "first pet")}},
	})
	want := "[{Account title} {Login Name username} {Secret password} {Web Site -} {Comments } {Folder group} {Security Question }]"
	if fmt.Sprint(res.Columns) != want {
		t.Errorf("columns = %v, want %v", res.Columns, want)
	}
}

func TestGenericRefusesUnknownTargetAndForeignColumns(t *testing.T) {
	data := interchangetest.Fixture(t, "generic.csv")
	for i, cols := range []map[string]string{{"Secret": "pin"}, {"Nope": "password"}} {
		_, err := Generic.Parse(data, interchange.Options{Columns: cols})
		var ce *interchange.ColumnError
		if !errors.Is(err, interchange.ErrColumns) || !errors.As(err, &ce) {
			t.Fatalf("%v: err = %v, want a ColumnError", cols, err)
		}
		if ce.UnknownKey != (i == 0) || len(ce.Headers) != 7 || ce.Headers[0] != "Account" {
			t.Errorf("%v: %+v", cols, ce)
		}
	}
}

func TestBadFiles(t *testing.T) {
	cases := []struct {
		name string
		f    interchange.Format
		data string
		want error
	}{
		{"wrong columns", Chrome, "Title,URL,Username,Password,Notes,OTPAuth\na,b,c,d,e,f\n", interchange.ErrColumns},
		{"row too short", Safari, "Title,URL,Username,Password,Notes,OTPAuth\na,b,c\n", interchange.ErrColumns},
		{"cut in a quote", Chrome, "name,url,username,password,note\nx,y,z,w,\"unfinished\n", interchange.ErrDamaged},
		{"bare quote", Firefox, "url,username,password\nht\"tp,a,b\n", interchange.ErrDamaged},
		{"empty", KeePassXC, "", interchange.ErrDamaged},
		{"cut mid-row", Chrome, "name,url,username,password,note\nx,y,z,w,n\nGitHub,https://git", interchange.ErrDamaged},
		{"firefox without password", Firefox, "url,username\na,b\n", interchange.ErrColumns},
	}
	for _, c := range cases {
		if _, err := c.f.Parse([]byte(c.data), interchange.Options{}); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}
}

func TestSniffTellsOverlappingHeadersApart(t *testing.T) {
	onePassword := []byte("Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes\n")
	for _, f := range []interchange.Format{Chrome, Firefox, Safari, KeePassXC} {
		if f.Sniff("export.csv", onePassword) {
			t.Errorf("%s claims a 1Password CSV", f.ID)
		}
	}
	if Safari.Sniff("x.csv", interchangetest.Fixture(t, "chrome.csv")) || Chrome.Sniff("x.csv", interchangetest.Fixture(t, "safari.csv")) {
		t.Error("Chrome and Safari sniffs overlap")
	}
	if !Generic.Sniff("mine.csv", []byte("Account,Login,Password,Website\n")) {
		t.Error("generic CSV does not claim a CSV with usual column names")
	}
	if Generic.Sniff("notes.txt", interchangetest.Fixture(t, "chrome.csv")) {
		t.Error("generic CSV claims a file not named .csv")
	}
}

func TestTooManyColumnsIsTooLarge(t *testing.T) {
	row := make([]byte, 0, 2*MaxFields+4)
	for i := 0; i <= MaxFields; i++ {
		row = append(row, 'a', ',')
	}
	if _, err := Read(row, false); !errors.Is(err, interchange.ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
}

func TestGroupPath(t *testing.T) {
	for in, want := range map[string]string{"Root": "", "Root/Work/Servers": "Work / Servers", "Personal": "Personal", "/a//b/": "a / b"} {
		if got := GroupPath(in); got != want {
			t.Errorf("GroupPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGenericSemicolonsAndTabs(t *testing.T) {
	for _, data := range []string{
		"Title;Username;Password;URL\r\nMail;gina;\"p;w\";https://mail.example\r\n",
		"Title\tUsername\tPassword\tURL\nMail\tgina\tp;w\thttps://mail.example\n",
	} {
		if !Generic.Sniff("export.csv", []byte(data)) {
			t.Errorf("Sniff did not claim %q", data)
		}
		res, err := Generic.Parse([]byte(data), interchange.Options{})
		if err != nil {
			t.Fatal(err)
		}
		interchangetest.SameItems(t, res.Items, []interchange.Item{{Type: "login", Title: "Mail",
			Fields: []interchange.Field{interchangetest.User("gina"), interchangetest.Pass("p;w"), interchangetest.Site("https://mail.example")}}})
	}
}
