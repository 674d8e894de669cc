package main

import (
	"strings"
	"testing"

	"vaultbar/backend/model"
)

func TestQuickFieldValue(t *testing.T) {
	r := model.Record{Name: "GitHub", Fields: []model.Field{
		{ID: "email", Label: "E-mail", Kind: model.KindEmail, Value: "me@example.com"},
		{ID: "password", Label: "Password", Kind: model.KindSecret, Value: "hunter2"},
		{ID: "totp", Label: "One-Time Password", Kind: model.KindOTP, Value: "JBSWY3DPEHPK3PXP"},
		{ID: "url", Label: "Website", Kind: model.KindURL, Value: "https://github.com"},
	}}
	for field, want := range map[string][2]string{
		"password": {"password", "hunter2"},
		"username": {"user name", "me@example.com"},
		"url":      {"Website", "https://github.com"},
	} {
		what, value, err := fieldValue(r, field)
		if err != nil || what != want[0] || value != want[1] {
			t.Errorf("%s: %q %q %v, want %v", field, what, value, err, want)
		}
	}
	if what, code, err := fieldValue(r, "otp"); err != nil || what != "one-time code" || len(code) != 6 {
		t.Errorf("otp: %q %q %v", what, code, err)
	}
	empty := model.Record{Name: "Note"}
	for _, field := range []string{"password", "username", "otp", "nope"} {
		if _, _, err := fieldValue(empty, field); err == nil || !strings.Contains(err.Error(), "“Note” has no") {
			t.Errorf("%s of a record without it: %v", field, err)
		}
	}
}
