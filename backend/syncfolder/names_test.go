package syncfolder

import "testing"

func TestClassify(t *testing.T) {
	cases := []struct {
		name  string
		kind  EntryKind
		canon string
	}{
		{"c-1-5.vbc", Canonical, "c-1-5.vbc"},
		{"s-2-9.vbs", Canonical, "s-2-9.vbs"},
		{"3-dev-a.vbk", Canonical, "3-dev-a.vbk"},
		{"c-1-5 2.vbc", Copy, "c-1-5.vbc"},
		{"c-1-5 2 2.vbc", Copy, "c-1-5.vbc"},
		{"3-dev-a 3.vbk", Copy, "3-dev-a.vbk"},
		{"c-1-5 (conflicted copy 2024-05-01).vbc", Copy, "c-1-5.vbc"},
		{"c-1-5 (Ann's conflicted copy 2024-05-01).vbc", Copy, "c-1-5.vbc"},
		{"c-1-5 (1).vbc", Copy, "c-1-5.vbc"},
		{"c-1-5.sync-conflict-20240501-101500-ABCDEFG.vbc", Copy, "c-1-5.vbc"},
		{".c-1-5.vbc.icloud", Placeholder, "c-1-5.vbc"},
		{".3-dev-a.vbk.icloud", Placeholder, "3-dev-a.vbk"},
		{".vbtmp-12345", Temp, ""},
		{".~lock.c-1-5.vbc#", Temp, ""},
		{"~$c-1-5.vbc", Temp, ""},
		{"c-1-5.vbc.tmp", Temp, ""},
		{".syncthing.c-1-5.vbc.tmp", Temp, ""},
		{".dropbox.cache", Temp, ""},
		{".DS_Store", Temp, ""},
		{"c-1-5 (draft).vbc", Other, ""},
		{"c-1-5 x.vbc", Other, ""},
		{"notes.txt 2", Other, ""},
		{"Icon\r", Other, ""},
		{".notes.txt.icloud", Other, ""},
	}
	for _, c := range cases {
		kind, canon := Classify(c.name)
		if kind != c.kind || canon != c.canon {
			t.Errorf("%q: got %v %q, want %v %q", c.name, kind, canon, c.kind, c.canon)
		}
	}
}

func FuzzParseConflict(f *testing.F) {
	for _, s := range []string{"c-1-5 2.vbc", "c-1-5 (conflicted copy 2024-05-01).vbc", "c-1-5.sync-conflict-20240501-101500-ABCDEFG.vbc", "2-a (1).vbk", "x (y).vbc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := ParseConflict(s)
		if !ok {
			return
		}
		if k, _ := Classify(c); k != Canonical {
			t.Fatalf("%q maps to %q, which is not a canonical name", s, c)
		}
		if len(c) >= len(s) {
			t.Fatalf("%q maps to %q, no shorter", s, c)
		}
	})
}
