package model

import "strings"

// Page is one page of a record list: the summaries from Offset on, and how
// many records the filter selects in all, so a list can size its scroll
// area without holding every summary.
type Page struct {
	Total  int       `json:"total"`
	Offset int       `json:"offset"`
	Items  []Summary `json:"items"`
}

// MaxPage bounds one page, whatever the caller asks for: a page is what a
// window shows plus what it reads ahead, never the whole vault.
const MaxPage = 500

// ListPage returns at most limit summaries of the records f selects,
// sorted by name, starting at offset, with the total count. Scrolling asks
// for the same filter at other offsets, so the hits of the last filter are
// kept until the filter or the records change.
func (v *Vault) ListPage(f Filter, offset, limit int) Page {
	hits := v.hitsOf(f)
	limit = min(max(limit, 0), MaxPage)
	offset = min(max(offset, 0), len(hits))
	end := min(offset+limit, len(hits))
	items := make([]Summary, end-offset)
	for j, i := range hits[offset:end] {
		items[j] = v.index[i].sum
	}
	return Page{Total: len(hits), Offset: offset, Items: items}
}

// IndexOf returns where the record id is in the list f selects, or -1:
// the list scrolls to a record it only has the id of.
func (v *Vault) IndexOf(f Filter, id string) int {
	for j, i := range v.hitsOf(f) {
		if v.index[i].e.ID == id {
			return j
		}
	}
	return -1
}

// hitCache is the last filter's hits, positions in the record index.
type hitCache struct {
	f    Filter
	hits []int32
}

func (v *Vault) hitsOf(f Filter) []int32 {
	idx := v.recordIndex() // drops the cache when it rebuilds
	f.Query = strings.Join(strings.Fields(strings.ToLower(f.Query)), " ")
	if c := v.hitCache; c != nil && c.f == f {
		return c.hits
	}
	v.hitCache = &hitCache{f: f, hits: v.hits(idx, f)}
	return v.hitCache.hits
}

// hits finds the records f selects, in index order.
func (v *Vault) hits(idx []indexed, f Filter) []int32 {
	terms := strings.Fields(f.Query)
	out := make([]int32, 0, len(idx))
	for i := range idx {
		if x := &idx[i]; x.alive != f.Deleted && x.matches(f, terms) {
			out = append(out, int32(i))
		}
	}
	return out
}
