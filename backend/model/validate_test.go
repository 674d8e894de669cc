package model

import (
	"errors"
	"strings"
	"testing"
)

// wantInvalid checks err is an *InvalidError (so Explain has a hint for it)
// whose message contains msg.
func wantInvalid(t *testing.T, what string, err error, msg string) {
	t.Helper()
	var ie *InvalidError
	if !errors.As(err, &ie) || !errors.Is(err, ErrInvalid) || !strings.Contains(ie.Msg, msg) || ie.Hint == "" {
		t.Errorf("%s: %v, want an InvalidError with a hint saying %q", what, err, msg)
	}
}

func TestNamesAreOneLine(t *testing.T) {
	v, _ := newVault("d")
	for _, name := range []string{"two\nlines", "tab\there", "cr\rx", "esc\x1b[31m", "del\x7f", "nel\u0085x", "ls\u2028x", "ps\u2029x", "gpj.\u202eexe", "iso\u2067x"} {
		_, err := v.AddRecord(RecordInput{Type: "login", Name: name})
		wantInvalid(t, "record "+name, err, "line break, tab or other control character")
		_, err = v.AddGroup(name)
		wantInvalid(t, "group "+name, err, "group name")
		_, err = v.AddType(name, []FieldDef{{Label: "A", Kind: KindText}})
		wantInvalid(t, "type "+name, err, "type name")
	}
	r, err := v.AddRecord(RecordInput{Type: "login", Name: "Café ☕ – ok"})
	if _, err := v.AddRecord(RecordInput{Type: "login", Name: "family \U0001F468\u200d\U0001F469\u200d\U0001F467"}); err != nil {
		t.Errorf("an emoji with joiners: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	_, err = v.UpdateRecord(r.ID, RecordPatch{Name: ptr("a\nb")})
	wantInvalid(t, "rename", err, "record name")
	if got, _ := v.Record(r.ID); got.Name != "Café ☕ – ok" {
		t.Errorf("a refused rename changed the name to %q", got.Name)
	}
}

func ptr[T any](x T) *T { return &x }

func TestTypeDefinitionsAreChecked(t *testing.T) {
	v, _ := newVault("d")
	_, err := v.AddType("Empty", nil)
	wantInvalid(t, "no fields", err, "at least one field")
	_, err = v.AddType("Eq", []FieldDef{{Label: "a=b", Kind: KindText}})
	wantInvalid(t, "label with =", err, `"a=b" contains =`)
	_, err = v.AddType("Tab", []FieldDef{{Label: "a\tb", Kind: KindText}})
	wantInvalid(t, "label with tab", err, "control character")
	if _, err := v.AddType("Dup", []FieldDef{{Label: "A", Kind: KindText}, {Label: " a ", Kind: KindText}}); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate labels: %v", err)
	}
	_, err = v.UpdateType("login", "Login", nil)
	wantInvalid(t, "update to no fields", err, "at least one field")
	if typ, _ := v.Type("login"); len(typ.Fields) != 4 {
		t.Errorf("a refused update changed the type: %+v", typ)
	}
}

func TestDeletedBuiltinTypeIsRestored(t *testing.T) {
	v, _ := newVault("d")
	r, _ := v.AddRecord(RecordInput{Type: "wifi", Name: "Home", Fields: map[string]string{"ssid": "homenet"}})
	if _, err := v.DeleteType("wifi"); err != nil {
		t.Fatal(err)
	}
	if _, err := v.TypeByName("Wi-Fi"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted type still found: %v", err)
	}
	if d := v.DeletedTypes(); len(d) != 1 || d[0].ID != "wifi" || !d[0].Builtin {
		t.Fatalf("DeletedTypes = %+v", d)
	}
	typ, err := v.RestoreType("wifi")
	if err != nil || typ.Name != "Wi-Fi" || len(typ.Fields) != 3 {
		t.Fatalf("RestoreType = %+v, %v", typ, err)
	}
	got, _ := v.Record(r.ID)
	if got.TypeName != "Wi-Fi" || got.Fields[0].Label != "Network Name" || got.Fields[0].Value != "homenet" {
		t.Errorf("record after restore = %+v", got)
	}
	if len(v.DeletedTypes()) != 0 {
		t.Error("restored type still listed as deleted")
	}
}

func TestRestoreTypeRefusesATakenName(t *testing.T) {
	v, _ := newVault("d")
	v.DeleteType("login")
	if _, err := v.AddType("login", []FieldDef{{Label: "X", Kind: KindText}}); err != nil {
		t.Fatal(err)
	}
	if _, err := v.RestoreType("login"); !errors.Is(err, ErrDuplicate) {
		t.Errorf("restore over a live type of the same name: %v", err)
	}
	if _, err := v.RestoreType("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("restore of an unknown type: %v", err)
	}
}

// A record moved to another type shows the values of its old type's
// fields under their labels; a value whose id types define with different
// kinds stays masked.
func TestMovedRecordKeepsLabels(t *testing.T) {
	v, _ := newVault("d")
	r, _ := v.AddRecord(RecordInput{Type: "login", Name: "X", Fields: map[string]string{"username": "alice", "url": "https://x"}})
	typ, _ := v.AddType("Other", []FieldDef{{ID: "url", Label: "Link", Kind: KindSecret}, {ID: "note", Label: "Note", Kind: KindText}})
	got, err := v.UpdateRecord(r.ID, RecordPatch{Type: &typ.ID})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Field{}
	for _, f := range got.Fields {
		byID[f.ID] = f
	}
	if f := byID["username"]; f.Label != "Username" || f.Kind != KindText || f.Value != "alice" {
		t.Errorf("username of a record moved off Login = %+v", f)
	}
	v.UpdateRecord(r.ID, RecordPatch{Fields: map[string]string{"username": "bob"}})
	h, _ := v.History(r.ID)
	if len(h) == 0 || h[0].Label != "Username" || h[0].Concealed {
		t.Errorf("history of a moved field = %+v", h)
	}
	r2, _ := v.AddRecord(RecordInput{Type: "server", Name: "S", Fields: map[string]string{"port": "22"}})
	v.DeleteType("server")
	v.ents["server"].Regs[prefixDef+"port"] = Reg{} // its definition is gone everywhere
	if got, _ := v.Record(r2.ID); got.Fields[len(got.Fields)-1].Label != "port" || !got.Fields[len(got.Fields)-1].Kind.Concealed() {
		t.Errorf("a value no type defines = %+v", got.Fields)
	}
}

// The labels of foreign fields come from a cached list of types: a type
// added here or arriving from another device afterwards must still label
// them.
func TestForeignFieldLabelFollowsNewTypes(t *testing.T) {
	v, _ := newVault("d")
	r, _ := v.AddRecord(RecordInput{Type: "login", Name: "X", Fields: map[string]string{"shoe": "42"}})
	if got, _ := v.Record(r.ID); foreignLabel(got, "shoe") != "shoe" {
		t.Fatalf("a value no type defines = %+v", got.Fields)
	}
	v.AddType("Shoes", []FieldDef{{ID: "shoe", Label: "Shoe Size", Kind: KindText}})
	if got, _ := v.Record(r.ID); foreignLabel(got, "shoe") != "Shoe Size" {
		t.Errorf("after a type defining it was added = %+v", got.Fields)
	}
	other, _ := newVault("e")
	typ, _ := other.AddType("Hats", []FieldDef{{ID: "hat", Label: "Hat Size", Kind: KindText}})
	v.UpdateRecord(r.ID, RecordPatch{Fields: map[string]string{"hat": "7"}})
	v.Put(other.Entity(typ.ID))
	if got, _ := v.Record(r.ID); foreignLabel(got, "hat") != "Hat Size" {
		t.Errorf("after a type defining it arrived = %+v", got.Fields)
	}
}

func foreignLabel(r Record, id string) string {
	for _, f := range r.Fields {
		if f.ID == id {
			return f.Label
		}
	}
	return ""
}
