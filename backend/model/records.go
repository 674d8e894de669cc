package model

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
)

// RecordInput is the content of a new record. Fields are keyed by field id.
type RecordInput struct {
	Type     string            `json:"type"`
	Name     string            `json:"name"`
	Notes    string            `json:"notes"`
	Favorite bool              `json:"favorite"`
	Groups   []string          `json:"groups"`
	Fields   map[string]string `json:"fields"`
}

// RecordPatch changes part of a record: nil members and absent fields stay
// as they are, so an edit stamps only what the user changed.
type RecordPatch struct {
	Type     *string           `json:"type,omitempty"`
	Name     *string           `json:"name,omitempty"`
	Notes    *string           `json:"notes,omitempty"`
	Favorite *bool             `json:"favorite,omitempty"`
	Groups   *[]string         `json:"groups,omitempty"`
	Fields   map[string]string `json:"fields,omitempty"`
}

// AddRecord creates a record.
func (v *Vault) AddRecord(in RecordInput) (Record, error) {
	if err := checkRecordName(in.Name); err != nil {
		return Record{}, err
	}
	if _, err := v.live(in.Type, KindType); err != nil {
		return Record{}, fmt.Errorf("record type: %w", err)
	}
	if err := v.checkGroups(in.Groups); err != nil {
		return Record{}, err
	}
	e := &Entity{ID: NewID(), Kind: KindRecord, Regs: map[string]Reg{}}
	ed := v.begin(e)
	ed.set(RegCreated, itoa(ed.s.Wall))
	ed.set(RegType, in.Type)
	ed.set(RegName, in.Name)
	ed.set(RegNotes, in.Notes)
	ed.set(RegFavorite, boolReg(in.Favorite))
	for _, g := range in.Groups {
		ed.set(GroupKey(g), "1")
	}
	for id, val := range in.Fields {
		ed.set(FieldKey(id), val)
	}
	v.ents[e.ID] = e
	ed.commit()
	return v.recordView(e), nil
}

// UpdateRecord applies a patch to a live record.
func (v *Vault) UpdateRecord(id string, p RecordPatch) (Record, error) {
	e, err := v.live(id, KindRecord)
	if err != nil {
		return Record{}, err
	}
	if p.Name != nil {
		if err := checkRecordName(*p.Name); err != nil {
			return Record{}, err
		}
	}
	if p.Type != nil {
		if _, err := v.live(*p.Type, KindType); err != nil {
			return Record{}, fmt.Errorf("record type: %w", err)
		}
	}
	if p.Groups != nil {
		if err := v.checkGroups(*p.Groups); err != nil {
			return Record{}, err
		}
	}
	ed := v.begin(e)
	setPtr(ed, RegType, p.Type)
	setPtr(ed, RegName, p.Name)
	setPtr(ed, RegNotes, p.Notes)
	if p.Favorite != nil {
		ed.set(RegFavorite, boolReg(*p.Favorite))
	}
	if p.Groups != nil {
		want := map[string]bool{}
		for _, g := range *p.Groups {
			want[g] = true
			ed.set(GroupKey(g), "1")
		}
		for k := range e.Regs {
			if strings.HasPrefix(k, prefixGroup) && !want[strings.TrimPrefix(k, prefixGroup)] {
				ed.set(k, "")
			}
		}
	}
	for fid, val := range p.Fields {
		ed.set(FieldKey(fid), val)
	}
	ed.commit()
	return v.recordView(e), nil
}

func setPtr(ed *edit, key string, p *string) {
	if p != nil {
		ed.set(key, *p)
	}
}

func boolReg(b bool) string {
	if b {
		return "1"
	}
	return ""
}

func (v *Vault) checkGroups(ids []string) error {
	for _, g := range ids {
		if _, err := v.live(g, KindGroup); err != nil {
			return fmt.Errorf("group: %w", err)
		}
	}
	return nil
}

// DeleteRecord moves a record to the deleted records, from which
// RestoreRecord brings it back.
func (v *Vault) DeleteRecord(id string) error {
	e, err := v.live(id, KindRecord)
	if err != nil {
		return err
	}
	v.remove(e)
	return nil
}

// RestoreRecord brings back a deleted record.
func (v *Vault) RestoreRecord(id string) (Record, error) {
	e := v.ents[id]
	if e == nil || e.Kind != KindRecord {
		return Record{}, fmt.Errorf("record %q: %w", id, ErrNotFound)
	}
	if e.Purged() {
		return Record{}, fmt.Errorf("record %q was deleted permanently: %w", id, ErrNotFound)
	}
	if !e.Alive() {
		v.restore(e)
	}
	return v.recordView(e), nil
}

// RestoreVersion writes an earlier value of one register back as a new edit.
func (v *Vault) RestoreVersion(id, key string, s Stamp) (Record, error) {
	e, err := v.live(id, KindRecord)
	if err != nil {
		return Record{}, err
	}
	for _, h := range e.History {
		if h.Key == key && h.S == s {
			ed := v.begin(e)
			ed.set(key, h.V)
			ed.commit()
			return v.recordView(e), nil
		}
	}
	return Record{}, fmt.Errorf("version of %q: %w", key, ErrNotFound)
}

// Record returns a live record.
func (v *Vault) Record(id string) (Record, error) {
	e, err := v.live(id, KindRecord)
	if err != nil {
		return Record{}, err
	}
	return v.recordView(e), nil
}

// History returns a live record's earlier versions, newest first.
func (v *Vault) History(id string) ([]HistoryEntry, error) {
	e, err := v.live(id, KindRecord)
	if err != nil {
		return nil, err
	}
	return v.historyView(e), nil
}

// Filter narrows a record list. Zero members don't filter.
type Filter struct {
	Group     string `json:"group"`
	Type      string `json:"type"`
	Favorites bool   `json:"favorites"`
	Deleted   bool   `json:"deleted"` // list deleted records instead of live ones
	Query     string `json:"query"`
}

// List returns summaries of the records matching f, sorted by name.
func (v *Vault) List(f Filter) []Summary {
	terms := strings.Fields(strings.ToLower(f.Query))
	idx := v.recordIndex()
	// Find the hits first, then copy their summaries into a slice of the
	// right size: a broad search copies each summary once, not at every
	// doubling of a growing slice.
	hits := make([]int32, 0, len(idx))
	for i := range idx {
		if x := &idx[i]; x.alive != f.Deleted && x.matches(f, terms) {
			hits = append(hits, int32(i))
		}
	}
	out := make([]Summary, len(hits))
	for j, i := range hits {
		out[j] = idx[i].sum
	}
	return out
}

// indexed is a record as search and lists need it, computed once per change
// of the vault's records rather than once per keystroke.
type indexed struct {
	e      *Entity
	alive  bool
	purged bool   // deleted permanently: in no list, Deleted Records included
	lower  string // lower-cased name, the sort key
	hay    string // lower-cased searchable text
	sum    Summary
	groups []string // ids of the groups it is in, for Counts
}

func (x *indexed) matches(f Filter, terms []string) bool {
	e := x.e
	if x.purged {
		return false
	}
	if f.Type != "" && e.Get(RegType) != f.Type {
		return false
	}
	if f.Group != "" && e.Get(GroupKey(f.Group)) != "1" {
		return false
	}
	if f.Favorites && e.Get(RegFavorite) != "1" {
		return false
	}
	for _, t := range terms {
		if !strings.Contains(x.hay, t) {
			return false
		}
	}
	return true
}

// recordIndex returns every record, dead ones included, sorted by name,
// building the index, or patching the entries edits and merges outdated.
func (v *Vault) recordIndex() []indexed {
	switch {
	case v.index == nil:
		v.index = v.buildIndex()
	case len(v.stale) > 0:
		v.index = v.patchIndex()
	default:
		return v.index
	}
	v.stale = nil
	v.hitCache = nil // its positions are in the old index
	return v.index
}

// staleLimit is how many outdated entries are patched rather than rebuilt:
// a patch costs a pass over the index plus a sort of the changed ones, so
// beyond a sixteenth of the vault (a large merge) a rebuild is as cheap.
func (v *Vault) staleLimit() int { return max(64, len(v.index)/16) }

// markStale notes that record id's entry is outdated; one edit at 100,000
// records then costs a patch, not a rebuild of every entry.
func (v *Vault) markStale(id string) {
	if v.index == nil {
		return
	}
	if v.stale == nil {
		v.stale = map[string]struct{}{}
	}
	v.stale[id] = struct{}{}
	if len(v.stale) > v.staleLimit() {
		v.index, v.stale = nil, nil
	}
}

func (v *Vault) buildIndex() []indexed {
	var recs []*Entity
	for _, e := range v.ents {
		if e.Kind == KindRecord {
			recs = append(recs, e)
		}
	}
	idx := make([]indexed, len(recs))
	v.warmTypes(recs)
	// Entries only read the vault once its types are decoded, so they are
	// made on every core: at 100,000 records this is most of the first
	// list after unlock.
	var wg sync.WaitGroup
	chunk := max(4096, (len(recs)+runtime.GOMAXPROCS(0)-1)/runtime.GOMAXPROCS(0))
	for lo := 0; lo < len(recs); lo += chunk {
		hi := min(lo+chunk, len(recs))
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				idx[i] = v.entry(recs[i])
			}
		})
	}
	wg.Wait()
	sortIndex(idx)
	return idx
}

// warmTypes decodes every type the records name, so making their entries
// never writes the type cache.
func (v *Vault) warmTypes(recs []*Entity) {
	for _, e := range recs {
		if id := e.Get(RegType); id != "" {
			if _, ok := v.types[id]; !ok {
				if typ := v.ents[id]; typ != nil {
					v.typeCache(typ)
				}
			}
		}
	}
}

// patchIndex drops the outdated entries, then merges fresh ones for them
// in (both lists are sorted), keeping the index's order.
func (v *Vault) patchIndex() []indexed {
	fresh := make([]indexed, 0, len(v.stale))
	for id := range v.stale {
		if e := v.ents[id]; e != nil && e.Kind == KindRecord {
			fresh = append(fresh, v.entry(e))
		}
	}
	sortIndex(fresh)
	out := make([]indexed, 0, len(v.index)+len(fresh))
	for _, x := range v.index {
		if _, old := v.stale[x.e.ID]; old {
			continue
		}
		for len(fresh) > 0 && indexLess(&fresh[0], &x) {
			out, fresh = append(out, fresh[0]), fresh[1:]
		}
		out = append(out, x)
	}
	return append(out, fresh...)
}

func (v *Vault) entry(e *Entity) indexed {
	alive := e.Alive()
	var groups []string
	for k, r := range e.Regs {
		if r.V == "1" && strings.HasPrefix(k, prefixGroup) {
			groups = append(groups, strings.TrimPrefix(k, prefixGroup))
		}
	}
	slices.Sort(groups) // the same entry however the map iterates
	return indexed{e: e, alive: alive, purged: !alive && e.Purged(), lower: strings.ToLower(e.Get(RegName)),
		hay: v.haystack(e), sum: v.summary(e), groups: groups}
}

func sortIndex(idx []indexed) {
	sort.Slice(idx, func(i, j int) bool { return indexLess(&idx[i], &idx[j]) })
}

// indexLess orders the index by lower-cased name, then id.
func indexLess(a, b *indexed) bool {
	if a.lower != b.lower {
		return a.lower < b.lower
	}
	return a.e.ID < b.e.ID
}

// haystack is the lower-cased text a search looks in: the name, notes and
// every field that is not concealed. Secrets are never searched, so a
// search can't be used to probe for a password.
func (v *Vault) haystack(e *Entity) string {
	var b strings.Builder
	b.WriteString(e.Get(RegName))
	b.WriteByte('\n')
	b.WriteString(e.Get(RegNotes))
	if typ := v.ents[e.Get(RegType)]; typ != nil {
		for _, d := range v.typeCache(typ).Fields {
			if !d.Kind.Concealed() {
				b.WriteByte('\n')
				b.WriteString(e.Get(FieldKey(d.ID)))
			}
		}
	}
	return strings.ToLower(b.String())
}

func (v *Vault) typeCache(e *Entity) Type {
	if t, ok := v.types[e.ID]; ok {
		return t
	}
	t := typeView(e)
	v.types[e.ID] = t
	return t
}

// Find resolves what a user typed to name a record: an id, an exact name
// (ignoring case), or else a unique name prefix. Several matches are an
// ErrAmbiguous error listing them, never a guess.
func (v *Vault) Find(nameOrID string) (Record, error) {
	e, err := v.find(nameOrID, false)
	if err != nil {
		return Record{}, err
	}
	return v.recordView(e), nil
}

// FindDeleted is Find among the records in Deleted Records (purged ones are
// in no list): restore and purge name a deleted record the same way.
func (v *Vault) FindDeleted(nameOrID string) (Summary, error) {
	e, err := v.find(nameOrID, true)
	if err != nil {
		return Summary{}, err
	}
	return v.summary(e), nil
}

// find resolves an id, a name (any case) or the start of a name among the
// live records, or the deleted ones. An empty name names nothing: as a
// prefix it would match every record.
func (v *Vault) find(nameOrID string, deleted bool) (*Entity, error) {
	what := "record"
	if deleted {
		what = "deleted record"
	}
	in := func(e *Entity) bool { return e.Kind == KindRecord && e.Alive() != deleted && !e.Purged() }
	if e := v.ents[nameOrID]; e != nil && in(e) {
		return e, nil
	}
	want := strings.ToLower(strings.TrimSpace(nameOrID))
	if want == "" {
		return nil, fmt.Errorf("no %s named %q: %w", what, nameOrID, ErrNotFound)
	}
	var exact, prefix []*Entity
	for _, e := range v.ents {
		if !in(e) {
			continue
		}
		n := strings.ToLower(e.Get(RegName))
		switch {
		case n == want:
			exact = append(exact, e)
		case strings.HasPrefix(n, want):
			prefix = append(prefix, e)
		}
	}
	cands := exact
	if len(cands) == 0 {
		cands = prefix
	}
	switch len(cands) {
	case 0:
		return nil, fmt.Errorf("no %s named %q: %w", what, nameOrID, ErrNotFound)
	case 1:
		return cands[0], nil
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].ID < cands[j].ID })
	var names []string
	for _, e := range cands {
		names = append(names, fmt.Sprintf("%s (%s, id %s)", e.Get(RegName), v.typeName(e.Get(RegType)), e.ID))
	}
	return nil, &AmbiguousError{Query: nameOrID, Matches: names}
}

// AmbiguousError says a name matched several records.
type AmbiguousError struct {
	Query   string
	Matches []string
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%q matches %d records: %s", e.Query, len(e.Matches), strings.Join(e.Matches, "; "))
}

// FieldByLabel finds a type's field by label, ignoring case.
func (t Type) FieldByLabel(label string) (FieldDef, bool) {
	for _, d := range t.Fields {
		if strings.EqualFold(d.Label, label) || strings.EqualFold(d.ID, label) {
			return d, true
		}
	}
	return FieldDef{}, false
}
