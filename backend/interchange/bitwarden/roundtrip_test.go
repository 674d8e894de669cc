package bitwarden

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/interchangetest"
	"vaultbar/backend/interchange/render"
	"vaultbar/backend/model"
)

// TestRoundTripThroughVaultbarsExport: what render.BitwardenJSON writes
// reads back with its types, groups, favourites, login fields, TOTP and
// custom fields (concealed ones hidden).
func TestRoundTripThroughVaultbarsExport(t *testing.T) {
	in := []interchange.Item{
		{Type: "login", Title: "GitHub", Group: "Work", Favorite: true, Notes: "n", Fields: F{
			interchangetest.User("alice"),
			interchangetest.Pass("pw"),
			interchangetest.Site("https://github.com"),
			interchangetest.OTP("JBSWY3DPEHPK3PXP"),
			interchangetest.Fld("", "Recovery", model.KindSecret, "codes")}},
		{Type: "credit-card", Title: "Visa", Fields: F{
			interchangetest.Fld("", "Card Number", model.KindSecret, "4111"),
			interchangetest.Fld("", "Cardholder", model.KindText, "Alice")}},
		{TypeName: "Locker", Title: "Gym", Group: "Home", Fields: F{interchangetest.Fld("", "Combination", model.KindSecret, "1-2-3")}},
	}
	res, err := JSON.Parse(render.BitwardenJSON(in), interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	interchangetest.SameItems(t, res.Items, in)
}

// FuzzRoundTrip: any login rendered by Vaultbar's exporter reads back the
// same, whatever its strings hold.
func FuzzRoundTrip(f *testing.F) {
	f.Add("GitHub", "Work/Servers", "alice", "p\"w,\n", "https://github.com", "note\r\nline", true)
	f.Fuzz(func(t *testing.T, title, group, user, pass, url, notes string, fav bool) {
		for _, s := range []string{title, group, user, pass, url, notes} {
			if !utf8.ValidString(s) {
				t.Skip("JSON carries only UTF-8")
			}
		}
		in := interchange.Item{Type: "login", Title: title, Group: group, Favorite: fav, Notes: notes}
		for _, x := range []interchange.Field{
			interchangetest.User(user),
			interchangetest.Pass(pass),
			interchangetest.Site(url),
		} {
			if x.Value != "" {
				in.Fields = append(in.Fields, x)
			}
		}
		res, err := JSON.Parse(render.BitwardenJSON([]interchange.Item{in}), interchange.Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := expectBack(in)
		if len(res.Items) != 1 || !reflect.DeepEqual(res.Items[0], want) {
			t.Fatalf("round trip:\n got %+v\nwant %+v", res.Items, want)
		}
	})
}

// expectBack is what an item should read back as: Bitwarden nests folders
// on "/", values of only spaces carry nothing, and an item with no login
// field is a secure note that still says it was a login.
func expectBack(in interchange.Item) interchange.Item {
	in.Group = folderName(in.Group)
	var kept []interchange.Field
	for _, f := range in.Fields {
		if strings.TrimSpace(f.Value) == "" {
			continue
		}
		kept = append(kept, f)
	}
	in.Fields = kept
	return in
}
