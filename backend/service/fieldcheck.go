package service

import (
	"errors"
	"fmt"
	"strings"

	"vaultbar/backend/model"
	"vaultbar/backend/otp"
)

// The model is pure and knows nothing of one-time passwords, so the
// service checks what the model can't: that a value given to an otp field
// is a secret the record view can make codes from.

// checkNewFields checks the field values of a new record of type typeID.
func checkNewFields(v *model.Vault, typeID string, fields map[string]string) error {
	t, err := v.Type(typeID)
	if err != nil {
		return nil // the model reports the unknown type
	}
	return checkOTP(t.Fields, fields)
}

// checkPatch checks the field values of an edit of record id: under the
// type the edit gives it, or else the fields the record shows now (those
// of a deleted type included).
func checkPatch(v *model.Vault, id string, p model.RecordPatch) error {
	var defs []model.FieldDef
	if p.Type != nil {
		if t, err := v.Type(*p.Type); err == nil {
			defs = t.Fields
		}
	}
	if r, err := v.Record(id); err == nil {
		for _, f := range r.Fields {
			defs = append(defs, model.FieldDef{ID: f.ID, Label: f.Label, Kind: f.Kind})
		}
	}
	return checkOTP(defs, p.Fields)
}

func checkOTP(defs []model.FieldDef, fields map[string]string) error {
	for _, d := range defs {
		val, ok := fields[d.ID]
		if !ok || val == "" || d.Kind != model.KindOTP {
			continue
		}
		if _, err := otp.Parse(val); err != nil {
			return otpInvalid(d.Label, err)
		}
	}
	return nil
}

func otpInvalid(label string, err error) error {
	reason := err.Error()
	if !errors.Is(err, otp.ErrInvalid) {
		reason = "it is not a one-time password secret"
	}
	msg := reason // names the field already when it has the built-in label
	if !strings.Contains(strings.ToLower(reason), strings.ToLower(label)) {
		msg = fmt.Sprintf("field %q: %s", label, reason)
	}
	return &model.InvalidError{
		Msg:  msg,
		Hint: "paste the secret key shown beside the QR code (letters A-Z and digits 2-7) or the whole otpauth://totp/ link",
	}
}
