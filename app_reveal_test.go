package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"vaultbar/backend/model"
	"vaultbar/backend/service"
)

// The secrets of the test record: a password, a PIN, a one-time password
// key, and an earlier password in its history.
const (
	secretPassword = "hunter2-now-secret"
	secretOld      = "hunter1-was-secret"
	secretPIN      = "987654321"
	secretOTP      = "JBSWY3DPEHPK3PXP"
)

var secrets = []string{secretPassword, secretOld, secretPIN, secretOTP}

// secretVault is an unlocked vault with one record full of secrets.
func secretVault(t *testing.T) (*VaultAPI, model.Record) {
	t.Helper()
	svc := service.New(t.TempDir())
	if err := svc.Create([]byte("correct horse battery staple")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(svc.Lock)
	typ, err := svc.AddType("Everything", []model.FieldDef{
		{Label: "User", Kind: model.KindText}, {Label: "Password", Kind: model.KindSecret},
		{Label: "PIN", Kind: model.KindPIN}, {Label: "Code", Kind: model.KindOTP},
	})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, d := range typ.Fields {
		ids[d.Label] = d.ID
	}
	r, err := svc.AddRecord(model.RecordInput{Type: typ.ID, Name: "Bank", Fields: map[string]string{
		ids["User"]: "alice", ids["Password"]: secretOld, ids["PIN"]: secretPIN, ids["Code"]: secretOTP,
	}})
	if err == nil {
		r, err = svc.UpdateRecord(r.ID, model.RecordPatch{Fields: map[string]string{ids["Password"]: secretPassword}})
	}
	if err != nil {
		t.Fatal(err)
	}
	return NewVaultAPI(svc), r
}

// revealers are the bindings whose purpose is to return one secret.
var revealers = map[string]bool{"Reveal": true, "RevealVersion": true}

// sideEffects are skipped: they return no data and would end the walk.
var sideEffects = map[string]bool{"Lock": true, "DeleteRecord": true, "DeleteGroup": true, "DeleteType": true, "PurgeRecord": true}

// TestNoBindingReturnsAnUnrevealedSecret calls every method of the bound
// services that read the vault (VaultAPI, ClipboardAPI) with the test
// record's id (and its field ids, and zero values) and looks for the
// secrets in what comes back.
func TestNoBindingReturnsAnUnrevealedSecret(t *testing.T) {
	api, r := secretVault(t)
	clip, _, _ := newTestClipboard(30 * time.Second)
	clip.records = api.svc
	called := walk(t, api, r) + walk(t, clip, r)
	if called < 25 {
		t.Fatalf("walked only %d calls; the argument table misses the bindings", called)
	}
}

// walk calls every exported method of bound and returns how many calls it
// made.
func walk(t *testing.T, bound any, r model.Record) int {
	typ := reflect.TypeOf(bound)
	called := 0
	for i := 0; i < typ.NumMethod(); i++ {
		m := typ.Method(i)
		if revealers[m.Name] || sideEffects[m.Name] {
			continue
		}
		for _, args := range argSets(m.Type, r) {
			out := reflect.ValueOf(bound).Method(i).Call(args)
			called++
			for _, o := range out {
				checkNoSecret(t, typ.Elem().Name()+"."+m.Name, o)
			}
		}
	}
	return called
}

func checkNoSecret(t *testing.T, method string, o reflect.Value) {
	t.Helper()
	b, _ := json.Marshal(o.Interface())
	if o.Type().Implements(reflect.TypeOf((*error)(nil)).Elem()) && !o.IsNil() {
		b = []byte(o.Interface().(error).Error())
	}
	for _, s := range secrets {
		if strings.Contains(string(b), s) {
			t.Errorf("%s returned the secret %q unrevealed: %s", method, s, b)
		}
	}
}

// argSets are the argument lists a method is called with: every string
// argument is the record's id, or one of its field ids, or "".
func argSets(mt reflect.Type, r model.Record) [][]reflect.Value {
	ids := []string{r.ID, ""}
	for _, f := range r.Fields {
		ids = append(ids, f.ID)
	}
	var sets [][]reflect.Value
	for _, first := range ids {
		for _, second := range ids {
			args := make([]reflect.Value, 0, mt.NumIn()-1)
			strs := 0
			for j := 1; j < mt.NumIn(); j++ {
				in := mt.In(j)
				if in.Kind() == reflect.String {
					args = append(args, reflect.ValueOf([]string{first, second, ""}[min(strs, 2)]).Convert(in))
					strs++
					continue
				}
				args = append(args, reflect.Zero(in))
			}
			sets = append(sets, args)
			if strs < 2 {
				break
			}
		}
	}
	return sets
}

func TestRevealReturnsOneValue(t *testing.T) {
	api, r := secretVault(t)
	shownRec, err := api.Record(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range shownRec.Fields {
		want := r.Fields[i].Value
		if f.Hidden != (f.Kind.Concealed() && want != "") {
			t.Errorf("field %s: hidden %v", f.Label, f.Hidden)
		}
		got, err := api.Reveal(r.ID, f.ID)
		if err != nil || got != want {
			t.Errorf("Reveal(%s) = %q, %v; want %q", f.Label, got, err, want)
		}
	}
	hs, _ := api.History(r.ID)
	if len(hs) != 1 || hs[0].Value != "" || !hs[0].Concealed {
		t.Fatalf("History = %+v, want the earlier password left out", hs)
	}
	if v, err := api.RevealVersion(r.ID, hs[0].Key, hs[0].Stamp); err != nil || v != secretOld {
		t.Fatalf("RevealVersion = %q, %v", v, err)
	}
	if _, err := api.Reveal(r.ID, "nothing"); err == nil {
		t.Fatal("Reveal of a field the record lacks answered")
	}
}

func TestCopyFieldCopiesInGo(t *testing.T) {
	api, r := secretVault(t)
	c, board, _ := newTestClipboard(30 * time.Second)
	c.records = api.svc
	for _, f := range r.Fields {
		if _, err := c.CopyField(r.ID, f.ID); err != nil {
			t.Fatalf("CopyField(%s): %v", f.Label, err)
		}
		want := f.Value
		if f.Kind == model.KindOTP {
			if len(board.text) != 6 || strings.Contains(board.text, secretOTP) {
				t.Errorf("the one-time password field copied %q, want the current code", board.text)
			}
			continue
		}
		if board.text != want {
			t.Errorf("CopyField(%s) copied %q, want %q", f.Label, board.text, want)
		}
	}
	if _, err := c.CopyField(r.ID, "nothing"); err == nil {
		t.Fatal("CopyField of a field the record lacks answered")
	}
}

// A record in Deleted Records is shown as a live one is: concealed values
// left out until revealed or copied in Go, and nothing once it is purged.
func TestDeletedRecordIsShownMasked(t *testing.T) {
	api, r := secretVault(t)
	if err := api.DeleteRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	clip, board, _ := newTestClipboard(30 * time.Second)
	clip.records = api.svc
	shownRec, err := api.DeletedRecord(r.ID)
	if err != nil || shownRec.Name != "Bank" {
		t.Fatalf("DeletedRecord = %+v, %v", shownRec, err)
	}
	for i, f := range shownRec.Fields {
		if got, err := api.Reveal(r.ID, f.ID); err != nil || got != r.Fields[i].Value {
			t.Errorf("Reveal(%s) of a deleted record = %q, %v", f.Label, got, err)
		}
		if f.Kind == model.KindSecret {
			if _, err := clip.CopyField(r.ID, f.ID); err != nil || board.text != r.Fields[i].Value {
				t.Errorf("CopyField(%s) of a deleted record copied %q, %v", f.Label, board.text, err)
			}
		}
	}
	if err := api.PurgeRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := api.DeletedRecord(r.ID); err == nil {
		t.Fatal("a purged record is still shown")
	}
	if _, err := api.Reveal(r.ID, r.Fields[1].ID); err == nil {
		t.Fatal("Reveal answered for a purged record")
	}
}

// Every binding, walked with a deleted record's ids, keeps its secrets out.
func TestNoBindingReturnsADeletedRecordsSecret(t *testing.T) {
	api, r := secretVault(t)
	if err := api.DeleteRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	clip, _, _ := newTestClipboard(30 * time.Second)
	clip.records = api.svc
	walk(t, api, r)
	walk(t, clip, r)
}
