package render

import (
	"errors"
	"reflect"
	"testing"

	"vaultbar/backend/interchange"
	"vaultbar/backend/model"
)

func sampleItems() []interchange.Item {
	return []interchange.Item{
		{TypeName: "Login", Title: "GitHub, Inc", Group: "Work / Dev", Tags: []string{"Personal"}, Favorite: true, Notes: "two\nlines, \"quoted\"",
			Fields: []interchange.Field{{Key: "username", Label: "Username", Value: "alice"}, {Key: "password", Label: "Password", Value: "p,w\"1"},
				{Key: "otp", Label: "One-Time Password", Value: "JBSWY3DPEHPK3PXP"}, {Label: "PIN", Kind: model.KindPIN, Value: "1234"}}},
		{TypeName: "Credit Card", Title: "Visa", Fields: []interchange.Field{{Label: "Card Number", Kind: model.KindSecret, Value: "4111"}}},
	}
}

// TestCSVRoundTrip: what CSV writes, ParseCSV reads back field by field.
func TestCSVRoundTrip(t *testing.T) {
	data := CSV(sampleItems())
	if !CSVFormat.Sniff("x.csv", data[:100]) {
		t.Fatal("sniff")
	}
	res, err := ParseCSV(data, interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := sampleItems()
	want[0].Fields[0].Kind, want[0].Fields[1].Kind, want[0].Fields[2].Kind = "", "", ""
	if !reflect.DeepEqual(res.Items, want) {
		t.Errorf("got  %+v\nwant %+v", res.Items, want)
	}
}

func TestCSVBadInput(t *testing.T) {
	for name, c := range map[string]struct {
		data string
		want error
	}{
		"other columns": {"name,url,username,password\nx,y,z,w\n", interchange.ErrColumns},
		"short row":     {"type,name,groups,username,password,url,otp,notes,favorite,fields\nLogin,x\n", interchange.ErrDamaged},
		"bad fields":    {"type,name,groups,username,password,url,otp,notes,favorite,fields\nLogin,x,,,,,,,,{oops\n", interchange.ErrDamaged},
	} {
		if _, err := ParseCSV([]byte(c.data), interchange.Options{}); !errors.Is(err, c.want) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func FuzzParseCSV(f *testing.F) {
	f.Add(CSV(sampleItems()))
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := ParseCSV(b, interchange.Options{})
		if err != nil {
			return
		}
		again, err := ParseCSV(CSV(res.Items), interchange.Options{})
		if err != nil || len(again.Items) != len(res.Items) {
			t.Fatalf("re-read of a written CSV: %v", err)
		}
	})
}
