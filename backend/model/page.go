package model

import (
	"slices"
	"sort"
	"strings"
)

// Page is one page of a record list: the summaries from Offset on, and how
// many records the filter selects in all, so a list can size its scroll
// area without holding every summary.
type Page struct {
	Total  int       `json:"total"`
	Offset int       `json:"offset"`
	Items  []Summary `json:"items"`
	// At is where the record the caller asked about is in the whole list,
	// or -1: one answer tells a search whether the selected record is
	// still among the results, without a second round trip.
	At int `json:"at"`
}

// MaxPage bounds one page, whatever the caller asks for: a page is what a
// window shows plus what it reads ahead, never the whole vault.
const MaxPage = 500

// ListPage returns at most limit summaries of the records f selects,
// sorted by name, starting at offset, with the total count and where
// record id is in the list (At; -1 when it isn't, or id is ""). Scrolling
// asks for the same filter at other offsets and typing narrows the last
// query, so the hits of recent filters are kept until the records change.
func (v *Vault) ListPage(f Filter, offset, limit int, id string) Page {
	hits := v.hitsOf(f)
	limit = min(max(limit, 0), MaxPage)
	offset = min(max(offset, 0), len(hits))
	end := min(offset+limit, len(hits))
	items := make([]Summary, end-offset)
	for j, i := range hits[offset:end] {
		items[j] = v.index[i].sum
	}
	return Page{Total: len(hits), Offset: offset, Items: items, At: v.rowOf(hits, id)}
}

// IndexOf returns where the record id is in the list f selects, or -1:
// the list scrolls to a record it only has the id of.
func (v *Vault) IndexOf(f Filter, id string) int {
	return v.rowOf(v.hitsOf(f), id)
}

// rowOf finds record id among hits by two binary searches: its place in
// the index (sorted by lower-cased name, then id), then that place among
// the hits (kept in index order). A scan would cost a millisecond per
// call at 100,000 records.
func (v *Vault) rowOf(hits []int32, id string) int {
	e := v.ents[id]
	if e == nil || e.Kind != KindRecord {
		return -1
	}
	idx, lower := v.index, strings.ToLower(e.Get(RegName))
	i := sort.Search(len(idx), func(i int) bool {
		return idx[i].lower > lower || idx[i].lower == lower && idx[i].e.ID >= id
	})
	if i == len(idx) || idx[i].e.ID != id {
		return -1
	}
	if j, ok := slices.BinarySearch(hits, int32(i)); ok {
		return j
	}
	return -1
}

// hitsKept is how many recent filters' hits are kept: enough for a word
// typed and erased key by key, small beside the index (4 bytes a hit).
const hitsKept = 8

// hitCache is one recent filter's hits, positions in the record index.
type hitCache struct {
	f    Filter
	hits []int32
}

// hitsOf returns the hits of f, from the cache when f was asked lately.
func (v *Vault) hitsOf(f Filter) []int32 {
	idx := v.recordIndex() // drops the cache when it rebuilds or patches the index
	f.Query = strings.Join(strings.Fields(strings.ToLower(f.Query)), " ")
	if i := slices.IndexFunc(v.hitCache, func(c hitCache) bool { return c.f == f }); i >= 0 {
		c := v.hitCache[i]
		v.remember(i, c)
		return c.hits
	}
	hits := v.hits(idx, f)
	v.remember(-1, hitCache{f: f, hits: hits})
	return hits
}

// remember puts c first in the cache (moving it from i, or adding it and
// dropping the oldest beyond hitsKept).
func (v *Vault) remember(i int, c hitCache) {
	if i >= 0 {
		v.hitCache = slices.Delete(v.hitCache, i, i+1)
	}
	v.hitCache = slices.Insert(v.hitCache, 0, c)
	if len(v.hitCache) > hitsKept {
		v.hitCache = v.hitCache[:hitsKept]
	}
}

// narrowest returns the fewest cached hits that hold every hit of f, if
// any do: a query that extends a cached one ("gi" after "g") only looks at
// that one's hits instead of every record.
func (v *Vault) narrowest(f Filter) (best []int32, ok bool) {
	for _, c := range v.hitCache {
		if refines(f, c.f) && (!ok || len(c.hits) < len(best)) {
			best, ok = c.hits, true
		}
	}
	return best, ok
}

// refines says every record f selects is one g selects: the same listing,
// and each of g's terms inside one of f's (a record whose text holds
// "git" holds "gi"). Both queries are normalised.
func refines(f, g Filter) bool {
	fq, gq := f.Query, g.Query
	f.Query, g.Query = "", ""
	if f != g {
		return false
	}
	fTerms := strings.Fields(fq)
	for _, t := range strings.Fields(gq) {
		if !slices.ContainsFunc(fTerms, func(u string) bool { return strings.Contains(u, t) }) {
			return false
		}
	}
	return true
}

// hits finds the records f selects, in index order: among the hits of a
// cached filter f refines when there is one, else among every record.
func (v *Vault) hits(idx []indexed, f Filter) []int32 {
	terms := strings.Fields(f.Query)
	keep := func(i int32) bool { x := &idx[i]; return x.alive != f.Deleted && x.matches(f, terms) }
	if within, ok := v.narrowest(f); ok {
		out := make([]int32, 0, len(within))
		for _, i := range within {
			if keep(i) {
				out = append(out, i)
			}
		}
		return out
	}
	out := make([]int32, 0, len(idx))
	for i := range int32(len(idx)) {
		if keep(i) {
			out = append(out, i)
		}
	}
	return out
}
