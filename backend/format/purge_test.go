package format

import (
	"reflect"
	"testing"
	"time"

	"vaultbar/backend/model"
)

// A permanent delete is an ordinary register and blank values, so the
// entity codec carries it without a new version.
func TestPurgedRecordRoundTrips(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	v := model.New(model.NewClock("dev-a", model.Stamp{}, func() time.Time { return now }))
	r, err := v.AddRecord(model.RecordInput{Type: "login", Name: "Bank", Fields: map[string]string{"password": "x"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := v.DeleteRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	if err := v.PurgeRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	ents := []*model.Entity{v.Entity(r.ID)}
	got, err := ParseEntities(AppendEntities(nil, ents))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got[0].Regs, ents[0].Regs) || !got[0].Purged() {
		t.Fatalf("round trip changed the purged record:\n%+v\n%+v", got[0], ents[0])
	}
}
