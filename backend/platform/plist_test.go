package platform

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestParsePlistValues(t *testing.T) {
	src := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
  <key>s</key><string>a &amp; b</string>
  <key>n</key><integer>-3</integer>
  <key>r</key><real>1.5</real>
  <key>t</key><true/>
  <key>f</key><false/>
  <key>d</key><data>aGk=</data>
  <key>a</key><array><string>x</string><dict/></array>
</dict></plist>`
	got, err := ParsePlist([]byte(src))
	want := map[string]any{
		"s": "a & b", "n": int64(-3), "r": 1.5, "t": true, "f": false, "d": []byte("hi"),
		"a": []any{"x", map[string]any{}},
	}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("got %#v, %v", got, err)
	}
}

func TestParsePlistRefuses(t *testing.T) {
	for name, src := range map[string]string{
		"empty":        ``,
		"not a plist":  `<html></html>`,
		"empty plist":  `<plist></plist>`,
		"key no value": `<plist><dict><key>k</key></dict></plist>`,
		"no key":       `<plist><dict><string>v</string></dict></plist>`,
		"bad integer":  `<plist><integer>x</integer></plist>`,
		"bad data":     `<plist><data>!!</data></plist>`,
		"unclosed":     `<plist><array><string>v</string>`,
		"too deep":     "<plist>" + strings.Repeat("<array>", 40) + strings.Repeat("</array>", 40) + "</plist>",
		"unknown":      `<plist><thing/></plist>`,
	} {
		if v, err := ParsePlist([]byte(src)); !errors.Is(err, ErrPlist) {
			t.Errorf("%s: got %#v, %v", name, v, err)
		}
	}
}

func TestMobileMeAccount(t *testing.T) {
	data, err := os.ReadFile("testdata/MobileMeAccounts.xml")
	if err != nil {
		t.Fatal(err)
	}
	v, err := ParsePlist(data)
	if err != nil {
		t.Fatal(err)
	}
	if got := MobileMeAccount(v); got != (Account{Known: true, SignedIn: true, DriveOn: true}) {
		t.Fatalf("signed in, drive on: got %+v", got)
	}
	driveOff := strings.Replace(string(data), "<true/>\n\t\t\t\t\t<key>Name</key>\n\t\t\t\t\t<string>MOBILE_DOCUMENTS", "<false/>\n\t\t\t\t\t<key>Name</key>\n\t\t\t\t\t<string>MOBILE_DOCUMENTS", 1)
	if v, _ := ParsePlist([]byte(driveOff)); MobileMeAccount(v) != (Account{Known: true, SignedIn: true}) {
		t.Fatalf("drive off: got %+v", MobileMeAccount(v))
	}
	loggedOut := strings.Replace(string(data), "<key>LoggedIn</key>\n\t\t\t<true/>", "<key>LoggedIn</key>\n\t\t\t<false/>", 1)
	if v, _ := ParsePlist([]byte(loggedOut)); MobileMeAccount(v) != (Account{Known: true}) {
		t.Fatalf("logged out: got %+v", MobileMeAccount(v))
	}
	for _, odd := range []any{nil, "x", map[string]any{"Accounts": "x"}, map[string]any{"Accounts": []any{1}}} {
		if got := MobileMeAccount(odd); got != (Account{Known: true}) {
			t.Fatalf("%#v: got %+v", odd, got)
		}
	}
}

func FuzzParsePlist(f *testing.F) {
	f.Add([]byte(`<plist><dict><key>k</key><array><true/><integer>1</integer></array></dict></plist>`))
	if data, err := os.ReadFile("testdata/MobileMeAccounts.xml"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := ParsePlist(data)
		if err != nil && !errors.Is(err, ErrPlist) {
			t.Fatalf("error not ErrPlist: %v", err)
		}
		_ = MobileMeAccount(v)
	})
}
