package interchangetest

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"vaultbar/backend/interchange"
	"vaultbar/backend/model"
)

// Fixture reads testdata/name of the package under test.
func Fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Fld builds one field.
func Fld(key, label string, kind model.FieldKind, v string) interchange.Field {
	return interchange.Field{Key: key, Label: label, Kind: kind, Value: v}
}

// User, Pass, Site and OTP build a login's built-in fields as the parsers
// label them.
func User(v string) interchange.Field { return Fld("username", "Username", model.KindText, v) }
func Pass(v string) interchange.Field { return Fld("password", "Password", model.KindSecret, v) }
func Site(v string) interchange.Field { return Fld("url", "Website", model.KindURL, v) }
func OTP(v string) interchange.Field  { return Fld("otp", "One-Time Password", model.KindOTP, v) }

// Day parses an RFC 3339 time; a bad literal is a bug in the test.
func Day(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// Unix is the UTC time of s seconds since the epoch.
func Unix(s int64) time.Time { return time.Unix(s, 0).UTC() }

// SameItems fails unless got equals want item by item, naming each item
// that differs.
func SameItems(t testing.TB, got, want []interchange.Item) {
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

// Parse fails the test unless f sniffs data as a file called name and
// parses it with opt; it returns what f read.
func Parse(t testing.TB, f interchange.Format, name string, data []byte, opt interchange.Options) interchange.Result {
	t.Helper()
	if !f.Sniff(name, data) {
		t.Errorf("%s: Sniff did not recognise %s", f.ID, name)
	}
	res, err := f.Parse(data, opt)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}
