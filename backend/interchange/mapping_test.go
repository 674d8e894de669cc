package interchange

import (
	"reflect"
	"testing"

	"vaultbar/backend/model"
)

var loginType = model.Type{ID: "login", Name: "Login", Builtin: true, Fields: []model.FieldDef{
	{ID: "username", Label: "Username", Kind: model.KindText}, {ID: "password", Label: "Password", Kind: model.KindSecret},
	{ID: "url", Label: "Website", Kind: model.KindURL}, {ID: "otp", Label: "One-Time Password", Kind: model.KindOTP}}}

func TestMapTypesGroupsDuplicates(t *testing.T) {
	res := Result{Format: "Test", Items: []Item{
		{Type: "login", Title: "Plain", Fields: []Field{{Key: "username", Value: "a"}, {Key: "password", Value: "p"}}},
		{Type: "login", Title: "Extra", Group: "Work / Servers", Tags: []string{"ops"}, Fields: []Field{{Key: "username", Value: "b"}, {Label: "Recovery\tcode", Kind: model.KindSecret, Value: "r"}}},
		{TypeName: "Router", Title: "Home", Fields: []Field{{Label: "IP", Value: "10.0.0.1"}}},
		{Type: "login", Title: "Old", Trashed: true},
		{Type: "login", Title: "Existing", Fields: []Field{{Key: "username", Value: "me"}}},
	}}
	ex := Existing{Types: []model.Type{loginType}, Groups: []model.Group{{ID: "personal", Name: "Personal"}},
		Records: []ExistingRecord{{ID: "r9", Type: "Login", Name: "existing", Username: "ME"}}}
	p := Map(res, ex, MapOptions{Label: "Imported from Test on 2026-12-02"})
	pre := p.Preview
	if pre.Add != 3 || pre.Total != 5 || len(pre.Skipped) != 1 || !reflect.DeepEqual(pre.Duplicates, []Duplicate{{"Existing", "r9"}}) {
		t.Fatalf("preview %+v", pre)
	}
	if !reflect.DeepEqual(pre.NewTypes, []string{"Login (imported)", "Router"}) || !reflect.DeepEqual(pre.Unmapped, []string{"Login (imported): Recovery code", "Router: IP"}) {
		t.Errorf("types %v unmapped %v", pre.NewTypes, pre.Unmapped)
	}
	if !reflect.DeepEqual(p.Groups, []string{"Imported from Test on 2026-12-02", "Work / Servers", "ops"}) {
		t.Errorf("groups %v", p.Groups)
	}
	if r := p.Records[0]; r.Type != "login" || r.Fields["username"] != "a" {
		t.Errorf("plain login: %+v", r)
	}
	if r := p.Records[1]; r.Type != "Login (imported)" || r.Fields["username"] != "b" || r.Fields[customID("Recovery code")] != "r" {
		t.Errorf("extra login: %+v", r)
	}
	if len(p.Types[0].Fields) != 5 || p.Types[0].Fields[4].Kind != model.KindSecret {
		t.Errorf("derived type %+v", p.Types[0])
	}
	// Merge turns the duplicate into an update of r9.
	p = Map(res, ex, MapOptions{Label: "L", Duplicates: MergeDuplicates})
	if last := p.Records[len(p.Records)-1]; last.Existing != "r9" || p.Preview.Merge != 1 {
		t.Errorf("merge: %+v", last)
	}
}
