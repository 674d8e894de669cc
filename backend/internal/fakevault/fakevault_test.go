package fakevault

import (
	"reflect"
	"testing"
)

func TestRecordsIsDeterministic(t *testing.T) {
	a, b := Records(200, 7), Records(200, 7)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two vaults from the same seed differ")
	}
	var hist, deleted, devs = 0, 0, map[string]bool{}
	for _, e := range a {
		hist += len(e.History)
		if e.Deleted != nil {
			deleted++
		}
		for _, r := range e.Regs {
			devs[r.S.Dev] = true
		}
	}
	if len(a) < 200 || hist == 0 || len(devs) < 3 {
		t.Fatalf("%d entities, %d history entries, %d devices: not realistic", len(a), hist, len(devs))
	}
	t.Logf("%d entities, %d history entries, %d deleted", len(a), hist, deleted)
}
