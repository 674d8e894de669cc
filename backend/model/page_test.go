package model

import (
	"fmt"
	"slices"
	"testing"
)

func pagedVault(t *testing.T, n int) *Vault {
	t.Helper()
	v, _ := newVault("d")
	for i := range n {
		if _, err := v.AddRecord(RecordInput{Type: "login", Name: fmt.Sprintf("Site %03d", i), Fields: map[string]string{"username": fmt.Sprintf("user%d", i%7)}}); err != nil {
			t.Fatal(err)
		}
	}
	return v
}

func TestListPagesAddUpToTheList(t *testing.T) {
	v := pagedVault(t, 23)
	for _, f := range []Filter{{}, {Query: "user3"}, {Query: "  USER3  site "}, {Query: "nothing"}} {
		want := v.List(f)
		var got []Summary
		for off := 0; ; off += 5 {
			p := v.ListPage(f, off, 5, "")
			if p.Total != len(want) || p.Offset != min(off, len(want)) {
				t.Fatalf("%+v at %d: total %d offset %d, want %d", f, off, p.Total, p.Offset, len(want))
			}
			if len(p.Items) == 0 {
				break
			}
			got = append(got, p.Items...)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%+v: pages %v, list %v", f, got, want)
		}
	}
}

func TestListPageBoundsWhatItIsAsked(t *testing.T) {
	v := pagedVault(t, MaxPage+10)
	if p := v.ListPage(Filter{}, -5, 1<<30, ""); p.Offset != 0 || len(p.Items) != MaxPage || p.Total != MaxPage+10 {
		t.Fatalf("offset %d, %d items, total %d", p.Offset, len(p.Items), p.Total)
	}
	if p := v.ListPage(Filter{}, 1<<30, -1, ""); p.Offset != MaxPage+10 || len(p.Items) != 0 {
		t.Fatalf("past the end: offset %d, %d items", p.Offset, len(p.Items))
	}
}

// The hits of the last filter are cached; an edit or a delete must not
// leave a page showing the records as they were.
func TestListPageSeesEditsAfterTheSameQuery(t *testing.T) {
	v := pagedVault(t, 3)
	if p := v.ListPage(Filter{Query: "site"}, 0, 10, ""); p.Total != 3 {
		t.Fatalf("total %d", p.Total)
	}
	r, _ := v.AddRecord(RecordInput{Type: "login", Name: "Another site"})
	p := v.ListPage(Filter{Query: "site"}, 0, 10, "")
	if p.Total != 4 || p.Items[0].ID != r.ID {
		t.Fatalf("after add: %+v", p)
	}
	if err := v.DeleteRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	if p := v.ListPage(Filter{Query: "site"}, 0, 10, ""); p.Total != 3 {
		t.Fatalf("after delete: total %d", p.Total)
	}
	if p := v.ListPage(Filter{Query: "site", Deleted: true}, 0, 10, ""); p.Total != 1 || p.Items[0].ID != r.ID {
		t.Fatalf("deleted list: %+v", p)
	}
	if i := v.IndexOf(Filter{Query: "site", Deleted: true}, r.ID); i != 0 {
		t.Fatalf("IndexOf deleted = %d", i)
	}
	if i := v.IndexOf(Filter{}, "nope"); i != -1 {
		t.Fatalf("IndexOf unknown = %d", i)
	}
}

func TestCountsDeletedRecords(t *testing.T) {
	v := pagedVault(t, 3)
	r, _ := v.AddRecord(RecordInput{Type: "login", Name: "Gone"})
	if err := v.DeleteRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	if c := v.Counts(); c["deleted"] != 1 || c["all"] != 3 {
		t.Fatalf("counts = %v", c)
	}
}

// Typing extends a query key by key, so its hits are found among the last
// query's; erasing finds them in the cache. Each must be what a search of
// every record finds, even when the records changed in between.
func TestListPageNarrowsAndWidensLikeAFullSearch(t *testing.T) {
	v := pagedVault(t, 60)
	check := func(f Filter) {
		t.Helper()
		want := v.List(f)
		p := v.ListPage(f, 0, MaxPage, "")
		if p.Total != len(want) || !slices.Equal(p.Items, want) {
			t.Fatalf("%+v: page %d %v, list %d %v", f, p.Total, p.Items, len(want), want)
		}
	}
	queries := []string{"s", "si", "site 0", "site 01", "site 0", "user", "user3", "user3 site", "site user3", "3", "", "user3 ite 05"}
	for _, q := range queries {
		check(Filter{Query: q})
		check(Filter{Query: q, Deleted: true})
	}
	r, _ := v.AddRecord(RecordInput{Type: "login", Name: "Site 013b", Fields: map[string]string{"username": "user3"}})
	check(Filter{Query: "site 01"})
	check(Filter{Query: "site 013"})
	if err := v.DeleteRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	check(Filter{Query: "site 013"})
	check(Filter{Query: "site 013", Deleted: true})
}

func TestRefines(t *testing.T) {
	for _, c := range []struct {
		f, g Filter
		want bool
	}{
		{Filter{Query: "gi"}, Filter{Query: "g"}, true},
		{Filter{Query: "git hub"}, Filter{Query: "git"}, true},
		{Filter{Query: "hub git"}, Filter{Query: "it"}, true},
		{Filter{Query: "g"}, Filter{Query: "gi"}, false},
		{Filter{Query: "ab"}, Filter{Query: "a b"}, true},  // a text holding "ab" holds "a" and "b"
		{Filter{Query: "a b"}, Filter{Query: "ab"}, false}, // "b a" holds both terms, not "ab"
		{Filter{Query: "gi", Deleted: true}, Filter{Query: "g"}, false},
		{Filter{Query: "gi", Group: "x"}, Filter{Query: "g"}, false},
		{Filter{Query: "x"}, Filter{}, true},
	} {
		if got := refines(c.f, c.g); got != c.want {
			t.Errorf("refines(%q, %q) = %v", c.f.Query, c.g.Query, got)
		}
	}
}

// At says where the record asked about is in the whole list, beyond the
// page returned, or -1 when the filter leaves it out.
func TestListPageSaysWhereARecordIs(t *testing.T) {
	v := pagedVault(t, 30)
	all := v.List(Filter{})
	for j, s := range all {
		if p := v.ListPage(Filter{}, 0, 5, s.ID); p.At != j {
			t.Fatalf("%s: At %d, want %d", s.Name, p.At, j)
		}
	}
	user3 := v.List(Filter{Query: "user3"})
	if p := v.ListPage(Filter{Query: "user3"}, 0, 1, user3[2].ID); p.At != 2 {
		t.Fatalf("At in a search = %d", p.At)
	}
	if p := v.ListPage(Filter{Query: "user3"}, 0, 1, all[0].ID); p.At != -1 || v.IndexOf(Filter{Query: "user3"}, all[0].ID) != -1 {
		t.Fatalf("a record the search leaves out: At %d", p.At)
	}
	for _, id := range []string{"", "nope", "login"} { // "login" is a type, not a record
		if p := v.ListPage(Filter{}, 0, 1, id); p.At != -1 {
			t.Fatalf("At of %q = %d", id, p.At)
		}
	}
}
