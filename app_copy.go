package main

import (
	"errors"
	"time"

	"vaultbar/backend/model"
	"vaultbar/backend/otp"
)

var errNoRecords = errors.New("copying a field needs the vault")

// recordSource is where CopyField reads a record: the vault service.
type recordSource interface {
	Record(id string) (model.Record, error)
	DeletedRecord(id string) (model.Record, error)
}

// shownRecord reads a live record or, failing that, one in Deleted Records:
// the window shows both, and reveals and copies from both the same way.
func shownRecord(src recordSource, id string) (model.Record, error) {
	r, err := src.Record(id)
	if errors.Is(err, model.ErrNotFound) {
		if d, derr := src.DeletedRecord(id); derr == nil {
			return d, nil
		}
	}
	return r, err
}

// CopyField copies one field of a record, by record and field id, so the
// value goes from the vault to the clipboard without passing through the
// page. A one-time password field copies its current code.
func (c *ClipboardAPI) CopyField(recordID, fieldKey string) (int, error) {
	if c.records == nil {
		return 0, explained(errNoRecords)
	}
	r, err := shownRecord(c.records, recordID)
	if err != nil {
		return 0, explained(err)
	}
	for _, f := range r.Fields {
		if f.ID == fieldKey {
			text, err := copyText(f)
			if err != nil {
				return 0, explained(err)
			}
			return c.Copy(text)
		}
	}
	return 0, explained(model.ErrNotFound)
}

// copyText is what copying f puts on the clipboard.
func copyText(f model.Field) (string, error) {
	if f.Kind != model.KindOTP {
		return f.Value, nil
	}
	k, err := otp.Parse(f.Value)
	if err != nil {
		return "", err
	}
	code, _ := k.At(time.Now())
	return code, nil
}
