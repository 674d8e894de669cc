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
			p := v.ListPage(f, off, 5)
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
	if p := v.ListPage(Filter{}, -5, 1<<30); p.Offset != 0 || len(p.Items) != MaxPage || p.Total != MaxPage+10 {
		t.Fatalf("offset %d, %d items, total %d", p.Offset, len(p.Items), p.Total)
	}
	if p := v.ListPage(Filter{}, 1<<30, -1); p.Offset != MaxPage+10 || len(p.Items) != 0 {
		t.Fatalf("past the end: offset %d, %d items", p.Offset, len(p.Items))
	}
}

// The hits of the last filter are cached; an edit or a delete must not
// leave a page showing the records as they were.
func TestListPageSeesEditsAfterTheSameQuery(t *testing.T) {
	v := pagedVault(t, 3)
	if p := v.ListPage(Filter{Query: "site"}, 0, 10); p.Total != 3 {
		t.Fatalf("total %d", p.Total)
	}
	r, _ := v.AddRecord(RecordInput{Type: "login", Name: "Another site"})
	p := v.ListPage(Filter{Query: "site"}, 0, 10)
	if p.Total != 4 || p.Items[0].ID != r.ID {
		t.Fatalf("after add: %+v", p)
	}
	if err := v.DeleteRecord(r.ID); err != nil {
		t.Fatal(err)
	}
	if p := v.ListPage(Filter{Query: "site"}, 0, 10); p.Total != 3 {
		t.Fatalf("after delete: total %d", p.Total)
	}
	if p := v.ListPage(Filter{Query: "site", Deleted: true}, 0, 10); p.Total != 1 || p.Items[0].ID != r.ID {
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
