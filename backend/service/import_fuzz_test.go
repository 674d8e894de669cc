package service

import (
	"strings"
	"testing"
	"time"

	"vaultbar/backend/interchange"
	"vaultbar/backend/model"
)

// FuzzImportPlanApplies: whatever a parser hands over (odd labels, names
// that differ only in case, empty titles, tabs, repeated fields, a type
// name that is a built-in's), the plan Map makes applies without an error,
// because an error half-way would leave part of an import in memory.
func FuzzImportPlanApplies(f *testing.F) {
	f.Add("Login", "login", "Work / Servers", "PIN", "pin\tcode", "x", "PERSONAL", true)
	f.Add("", "", "", "", "", "", "", false)
	f.Add("Credit Card", "", "Imported from X on Y", "Card Number", "card number", "Username", "personal", true)
	f.Fuzz(func(t *testing.T, typeName, typeID, group, label1, label2, title, tag string, twice bool) {
		v := model.New(model.NewClock("dev1", model.Stamp{}, time.Now))
		items := []interchange.Item{
			{Type: typeID, TypeName: typeName, Title: title, Group: group, Tags: []string{tag, strings.ToUpper(tag)},
				Fields:  []interchange.Field{{Label: label1, Value: "a"}, {Label: label2, Kind: "bogus", Value: "b"}, {Key: "username", Label: label1, Value: "c"}},
				History: []interchange.Version{{Fields: []interchange.Field{{Label: label2, Value: "old"}}}}},
			{TypeName: strings.ToLower(typeName), Title: strings.ToUpper(title), Group: strings.ToLower(group), Fields: []interchange.Field{{Label: strings.ToUpper(label1), Value: "d"}}},
		}
		res := interchange.Result{Format: "Fuzz", Items: items}
		for i := 0; i < 1+boolInt(twice); i++ {
			o := interchange.MapOptions{Label: "Imported from Fuzz on today"}
			if i == 1 {
				o.Duplicates = interchange.MergeDuplicates
			}
			p := interchange.Map(res, existing(v), o)
			if _, err := applyPlan(v, p, nil); err != nil {
				t.Fatalf("pass %d: plan does not apply: %v\nplan %+v", i+1, err, p)
			}
		}
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
