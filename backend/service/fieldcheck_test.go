package service

import (
	"errors"
	"strings"
	"testing"

	"vaultbar/backend/model"
	"vaultbar/internal/disktest"
)

// Bad input the model or this package refuses gets a sentence and a hint
// from Explain, and nothing on disk changes.
func TestBadInputIsExplainedAndWritesNothing(t *testing.T) {
	s := created(t)
	r := addLogin(t, s, "GitHub", "alice")
	typ, err := s.AddType("Token", []model.FieldDef{{ID: "code", Label: "2FA seed", Kind: model.KindOTP}})
	if err != nil {
		t.Fatal(err)
	}
	before := disktest.Snapshot(t, s.home)
	cases := []struct {
		name      string
		do        func() error
		msg, hint string
	}{
		{"otp not base32", func() error {
			_, err := s.AddRecord(model.RecordInput{Type: "login", Name: "X", Fields: map[string]string{"otp": "not a secret!"}})
			return err
		}, `the one-time password secret is not valid base32`, "QR code"},
		{"otp under another label", func() error {
			_, err := s.AddRecord(model.RecordInput{Type: typ.ID, Name: "Y", Fields: map[string]string{"code": "1!"}})
			return err
		}, `field "2FA seed": the one-time password secret is not valid base32`, "QR code"},
		{"otp bad uri", func() error {
			_, err := s.UpdateRecord(r.ID, model.RecordPatch{Fields: map[string]string{"otp": "otpauth://hotp/x?secret=JBSWY3DP"}})
			return err
		}, "only otpauth://totp/ URIs", "otpauth://totp/"},
		{"name with newline", func() error {
			_, err := s.AddRecord(model.RecordInput{Type: "login", Name: "a\nb"})
			return err
		}, "line break", "one line"},
		{"rename with tab", func() error {
			_, err := s.UpdateRecord(r.ID, model.RecordPatch{Name: ptr("a\tb")})
			return err
		}, "line break, tab", "one line"},
		{"type without fields", func() error { _, err := s.AddType("Empty", nil); return err }, "at least one field", "at least one field"},
		{"label with =", func() error {
			_, err := s.AddType("Eq", []model.FieldDef{{Label: "a=b", Kind: model.KindText}})
			return err
		}, "contains =", "label=value"},
		{"group with newline", func() error { _, err := s.AddGroup("a\nb"); return err }, "group name", "one line"},
	}
	for _, c := range cases {
		err := c.do()
		if !errors.Is(err, model.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", c.name, err)
			continue
		}
		msg, hint := Explain(err)
		if !strings.Contains(msg, c.msg) || !strings.Contains(hint, c.hint) || msg[:1] != strings.ToLower(msg[:1]) {
			t.Errorf("%s: Explain = %q, %q; want %q and %q", c.name, msg, hint, c.msg, c.hint)
		}
	}
	if d := disktest.Diff(before, disktest.Snapshot(t, s.home)); d != "" {
		t.Errorf("refused input changed files:\n%s", d)
	}
}

func ptr[T any](x T) *T { return &x }

// A good secret and an otpauth URI are both taken; so is clearing the field.
func TestOTPValuesThatGiveCodesAreTaken(t *testing.T) {
	s := created(t)
	r := addLogin(t, s, "GitHub", "alice")
	for _, v := range []string{"JBSWY3DPEHPK3PXP", "jbsw y3dp ehpk 3pxp", "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub", ""} {
		if _, err := s.UpdateRecord(r.ID, model.RecordPatch{Fields: map[string]string{"otp": v}}); err != nil {
			t.Errorf("otp %q refused: %v", v, err)
		}
	}
}

// A deleted built-in type comes back with its fields.
func TestRestoreBuiltinType(t *testing.T) {
	s := created(t)
	if _, err := s.DeleteType("wifi"); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.DeletedTypes(); len(d) != 1 || d[0].Name != "Wi-Fi" {
		t.Fatalf("DeletedTypes = %+v", d)
	}
	if _, err := s.RestoreType("wifi"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddRecord(model.RecordInput{Type: "wifi", Name: "Home", Fields: map[string]string{"ssid": "homenet"}}); err != nil {
		t.Fatalf("add after restore: %v", err)
	}
}
