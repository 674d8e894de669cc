package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func newVault(dev string) (*Vault, *time.Time) {
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	return New(NewClock(dev, Stamp{}, func() time.Time { return now })), &now
}

func TestClockIsMonotonicWhenWallClockStepsBack(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 1, 0, time.UTC)
	c := NewClock("d", Stamp{}, func() time.Time { return now })
	a := c.Next()
	now = now.Add(-time.Hour)
	b := c.Next()
	if !b.After(a) {
		t.Fatalf("stamp %v after the clock stepped back is not later than %v", b, a)
	}
	c.Observe(Stamp{Wall: a.Wall + 5000, Dev: "other"})
	if d := c.Next(); d.Wall != a.Wall+5000 || d.Dev != "d" {
		t.Fatalf("after observing a later stamp, next = %v", d)
	}
}

func TestSeedHasAllBuiltinTypes(t *testing.T) {
	v, _ := newVault("d")
	want := []string{"Login", "Credit Card", "Bank Account", "Email Account", "Identity", "Secure Note", "Password",
		"Software License", "Wi-Fi", "Server", "Membership", "Passport", "Driver's License", "Insurance", "Social Security"}
	for _, n := range want {
		if _, err := v.TypeByName(n); err != nil {
			t.Errorf("built-in type %q: %v", n, err)
		}
	}
	if g := v.Groups(); len(g) != 2 {
		t.Errorf("default groups = %v", g)
	}
}

func TestEditStampsOnlyChangedRegisters(t *testing.T) {
	v, now := newVault("d")
	r, _ := v.AddRecord(RecordInput{Type: "login", Name: "Mail", Fields: map[string]string{"username": "a", "password": "p"}})
	before := v.Entity(r.ID).Regs[FieldKey("username")].S
	*now = now.Add(time.Minute)
	v.UpdateRecord(r.ID, RecordPatch{Fields: map[string]string{"username": "a", "password": "q"}})
	e := v.Entity(r.ID)
	if e.Regs[FieldKey("username")].S != before {
		t.Error("an unchanged field got a new stamp")
	}
	if e.Regs[FieldKey("password")].V != "q" {
		t.Error("password not updated")
	}
	h, _ := v.History(r.ID)
	if len(h) != 1 || h[0].Value != "p" || h[0].Label != "Password" || !h[0].Concealed {
		t.Fatalf("history = %+v, want the old password", h)
	}
}

func TestRecordViewAndSearch(t *testing.T) {
	v, _ := newVault("d")
	v.AddRecord(RecordInput{Type: "login", Name: "GitHub", Fields: map[string]string{"username": "octocat", "password": "hunter2", "url": "https://github.com"}, Groups: []string{"business"}})
	v.AddRecord(RecordInput{Type: "credit-card", Name: "Visa", Fields: map[string]string{"cardholder": "Ann Smith", "number": "4111111111111111"}})
	if got := v.List(Filter{Query: "octo"}); len(got) != 1 || got[0].Name != "GitHub" || got[0].Subtitle != "octocat" {
		t.Fatalf("search octo = %+v", got)
	}
	if got := v.List(Filter{Query: "hunter2"}); len(got) != 0 {
		t.Fatal("search found a record by its password")
	}
	if got := v.List(Filter{Query: "ann visa"}); len(got) != 1 {
		t.Fatalf("two-term search = %+v", got)
	}
	if got := v.List(Filter{Group: "business"}); len(got) != 1 {
		t.Fatalf("group filter = %+v", got)
	}
	if got := v.List(Filter{Type: "credit-card"}); len(got) != 1 || got[0].Name != "Visa" {
		t.Fatalf("type filter = %+v", got)
	}
	c := v.Counts()
	if c["all"] != 2 || c["group:business"] != 1 || c["type:login"] != 1 {
		t.Fatalf("counts = %v", c)
	}
}

func TestFindNeverGuesses(t *testing.T) {
	v, _ := newVault("d")
	v.AddRecord(RecordInput{Type: "login", Name: "Bank"})
	v.AddRecord(RecordInput{Type: "bank-account", Name: "bank"})
	v.AddRecord(RecordInput{Type: "login", Name: "Mailbox"})
	_, err := v.Find("BANK")
	var amb *AmbiguousError
	if !errors.As(err, &amb) || len(amb.Matches) != 2 {
		t.Fatalf("Find(BANK) = %v, want an ambiguity listing 2", err)
	}
	if r, err := v.Find("mail"); err != nil || r.Name != "Mailbox" {
		t.Fatalf("Find(mail) = %v, %v", r.Name, err)
	}
	if _, err := v.Find("nothing"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Find(nothing) = %v", err)
	}
}

func TestDeletingATypeKeepsRecordValues(t *testing.T) {
	v, _ := newVault("d")
	typ, err := v.AddType("Locker", []FieldDef{{Label: "Combination", Kind: KindPIN}, {Label: "Location", Kind: KindText}})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := v.AddRecord(RecordInput{Type: typ.ID, Name: "Gym", Fields: map[string]string{typ.Fields[0].ID: "12-34-56"}})
	n, err := v.DeleteType(typ.ID)
	if err != nil || n != 1 {
		t.Fatalf("DeleteType = %d, %v", n, err)
	}
	got, _ := v.Record(r.ID)
	if !strings.Contains(got.TypeName, "deleted type") || len(got.Fields) == 0 || got.Fields[0].Value != "12-34-56" || got.Fields[0].Label != "Combination" {
		t.Fatalf("record of deleted type = %+v", got)
	}
}

func TestRemovingAFieldFromATypeKeepsValuesUnderOldLabel(t *testing.T) {
	v, _ := newVault("d")
	typ, _ := v.AddType("Locker", []FieldDef{{ID: "combo", Label: "Combination", Kind: KindPIN}, {ID: "loc", Label: "Location", Kind: KindText}})
	r, _ := v.AddRecord(RecordInput{Type: typ.ID, Name: "Gym", Fields: map[string]string{"combo": "1234"}})
	if _, err := v.UpdateType(typ.ID, "Locker", []FieldDef{{ID: "loc", Label: "Location", Kind: KindText}}); err != nil {
		t.Fatal(err)
	}
	got, _ := v.Record(r.ID)
	var found bool
	for _, f := range got.Fields {
		found = found || (f.Label == "Combination" && f.Value == "1234" && f.Kind == KindPIN)
	}
	if !found {
		t.Fatalf("value of removed field lost: %+v", got.Fields)
	}
}

func TestValidation(t *testing.T) {
	v, _ := newVault("d")
	if _, err := v.AddRecord(RecordInput{Type: "login", Name: " "}); !errors.Is(err, ErrInvalid) {
		t.Errorf("empty name: %v", err)
	}
	if _, err := v.AddRecord(RecordInput{Type: "nope", Name: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown type: %v", err)
	}
	if _, err := v.AddGroup("personal"); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate group name: %v", err)
	}
	if _, err := v.AddType("T", []FieldDef{{Label: "a", Kind: "weird"}}); !errors.Is(err, ErrInvalid) {
		t.Errorf("bad kind: %v", err)
	}
}

func TestRestoreVersion(t *testing.T) {
	v, now := newVault("d")
	r, _ := v.AddRecord(RecordInput{Type: "login", Name: "X", Fields: map[string]string{"password": "one"}})
	*now = now.Add(time.Second)
	v.UpdateRecord(r.ID, RecordPatch{Fields: map[string]string{"password": "two"}})
	h, _ := v.History(r.ID)
	*now = now.Add(time.Second)
	got, err := v.RestoreVersion(r.ID, h[0].Key, h[0].Stamp)
	if err != nil || got.Fields[1].Value != "one" {
		t.Fatalf("restore = %+v, %v", got.Fields, err)
	}
}
