package interchange

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"

	"vaultbar/backend/model"
)

// Duplicates says what an import does with an item that looks like a
// record the vault already has.
type Duplicates string

const (
	SkipDuplicates  Duplicates = "skip"  // leave the existing record alone
	MergeDuplicates Duplicates = "merge" // write the item's values onto it (old values go to its history)
)

// Existing is what the mapping needs to know of the vault.
type Existing struct {
	Types   []model.Type
	Groups  []model.Group
	Records []ExistingRecord
}

// ExistingRecord is a live record as duplicate detection sees it.
type ExistingRecord struct {
	ID, Type, Name, Username, URL string
}

// MapOptions choose how a Result becomes records.
type MapOptions struct {
	Duplicates Duplicates
	// Label names the group every imported record joins, so one import can
	// be found and removed together; ImportLabel makes the default.
	Label string
	// Group, when set, is the group every imported record goes into
	// instead of the source's folders.
	Group string
}

// ImportLabel is the default import group: "Imported from KeePass on 2026-12-02".
func ImportLabel(source string, now time.Time) string {
	return fmt.Sprintf("Imported from %s on %s", source, now.Format("2006-01-02"))
}

// Plan is a Result mapped onto the vault: what an import will write.
// Building it writes nothing.
type Plan struct {
	Types   []TypePlan   // types to create or extend, in order
	Groups  []string     // groups to create (names)
	Records []RecordPlan // records to add or merge
	Preview Preview
}

// TypePlan is a record type an import creates (ID "") or extends.
type TypePlan struct {
	ID, Name string
	Fields   []model.FieldDef // the type's full field list afterwards
}

// RecordPlan is one record to write. Type and Groups are ids, except that
// a type or group the plan creates is named by its name.
type RecordPlan struct {
	Type     string // type id, or the name of a TypePlan with ID ""
	Name     string
	Notes    string
	Favorite bool
	Groups   []string          // group names
	Fields   map[string]string // field id -> value
	History  []map[string]string
	Existing string // id of the record this merges into, "" to add
}

// Preview is what the user sees before confirming.
type Preview struct {
	Format     string         `json:"format"`
	Label      string         `json:"label"` // the import's group
	Total      int            `json:"total"` // items in the file
	Add        int            `json:"add"`
	Merge      int            `json:"merge"`
	ByType     map[string]int `json:"byType"`  // type name -> records written
	ByGroup    map[string]int `json:"byGroup"` // source group -> records written ("" none)
	Duplicates []Duplicate    `json:"duplicates"`
	Unmapped   []string       `json:"unmapped"` // "Type: label" of fields kept as extra fields
	NewTypes   []string       `json:"newTypes"`
	NewGroups  []string       `json:"newGroups"`
	Skipped    []Skip         `json:"skipped"`
	Warnings   []string       `json:"warnings"`
	Columns    []Column       `json:"columns"` // a generic CSV's column mapping, in the file's order
}

// Duplicate is an item that looks like an existing record.
type Duplicate struct {
	Title    string `json:"title"`
	Existing string `json:"existing"` // record id
}

// Map turns a parsed file into a plan against the vault's current state.
// Pure: the same inputs give the same plan.
func Map(res Result, ex Existing, o MapOptions) Plan {
	m := newMapper(ex, o)
	m.p.Preview = Preview{Format: res.Format, Label: o.Label, Total: len(res.Items), ByType: map[string]int{}, ByGroup: map[string]int{},
		Skipped: append([]Skip(nil), res.Skipped...), Warnings: res.Warnings, Columns: res.Columns}
	for _, it := range res.Items {
		m.item(it)
	}
	m.finish()
	return m.p
}

type mapper struct {
	o       MapOptions
	p       Plan
	types   map[string]*TypePlan // lower name -> type (existing or planned)
	byID    map[string]model.Type
	groups  map[string]bool // lower names of existing groups
	added   map[string]bool // lower names of groups the plan creates
	records map[string]string
	seen    map[string]bool // unmapped "type: label" reported
}

func newMapper(ex Existing, o MapOptions) *mapper {
	m := &mapper{o: o, types: map[string]*TypePlan{}, byID: map[string]model.Type{}, groups: map[string]bool{},
		added: map[string]bool{}, records: map[string]string{}, seen: map[string]bool{}}
	for _, t := range ex.Types {
		m.byID[t.ID] = t
		m.types[Fold(t.Name)] = &TypePlan{ID: t.ID, Name: t.Name, Fields: t.Fields}
	}
	for _, g := range ex.Groups {
		m.groups[Fold(g.Name)] = true
	}
	for _, r := range ex.Records {
		m.records[dupKey(r.Type, r.Name, r.Username, r.URL)] = r.ID
	}
	return m
}

// dupKey is what makes two records the same for an import: type, name and
// username, or the website when there is no username.
func dupKey(typ, name, user, url string) string {
	who := user
	if who == "" {
		who = url
	}
	return Fold(typ + "\x00" + strings.TrimSpace(name) + "\x00" + strings.TrimSpace(who))
}

func (m *mapper) item(it Item) {
	if it.Trashed {
		m.p.Preview.Skipped = append(m.p.Preview.Skipped, Skip{Title: it.Title, Reason: "it is in the source's trash or recycle bin"})
		return
	}
	tp := m.typeFor(it)
	r := RecordPlan{Type: tp.ID, Name: title(it), Notes: it.Notes, Favorite: it.Favorite, Fields: m.values(tp, it.Fields)}
	if tp.ID == "" {
		r.Type = tp.Name
	}
	for _, v := range it.History {
		r.History = append(r.History, m.values(tp, v.Fields))
	}
	key := dupKey(tp.Name, r.Name, r.Fields["username"], r.Fields["url"])
	if id, dup := m.records[key]; dup {
		m.p.Preview.Duplicates = append(m.p.Preview.Duplicates, Duplicate{Title: r.Name, Existing: id})
		if m.o.Duplicates != MergeDuplicates {
			return
		}
		r.Existing = id
		m.p.Preview.Merge++
	} else {
		if m.o.Group != "" {
			it.Group = m.o.Group
		}
		r.Groups = m.groupsFor(it.Group, it.Tags)
		m.p.Preview.Add++
	}
	m.p.Preview.ByType[tp.Name]++
	m.p.Preview.ByGroup[it.Group]++
	m.p.Records = append(m.p.Records, r)
}

func title(it Item) string {
	if t := strings.TrimSpace(it.Title); t != "" {
		return t
	}
	return "(untitled)"
}

// groupsFor is the import's group, the source's folder and its tags:
// records have no tags, and belonging to several groups is what a tag is.
func (m *mapper) groupsFor(src string, tags []string) []string {
	out := []string{m.o.Label}
	m.needGroup(m.o.Label)
	seen := map[string]bool{Fold(m.o.Label): true}
	for _, g := range append([]string{src}, tags...) {
		if g = strings.Join(strings.Fields(g), " "); g != "" && !seen[Fold(g)] {
			seen[Fold(g)] = true
			out = append(out, g)
			m.needGroup(g)
		}
	}
	return out
}

func (m *mapper) needGroup(name string) {
	l := Fold(name)
	if !m.groups[l] && !m.added[l] {
		m.added[l] = true
		m.p.Groups = append(m.p.Groups, name)
	}
}

// typeFor picks the record type of an item: its type (by id, or by the
// source's category name) when all its fields fit; for a built-in type
// whose fixed fields don't take them all, "<Type> (imported)" with the
// extra fields added, since a value is never dropped; a category with no
// match becomes a type of its own name.
func (m *mapper) typeFor(it Item) *TypePlan {
	base, ok := m.byID[it.Type]
	name := strings.TrimSpace(it.TypeName)
	if tp := m.types[Fold(name)]; !ok && tp != nil && tp.ID != "" {
		base, ok = m.byID[tp.ID]
	}
	switch {
	case ok && (!base.Builtin || !needsCustom(it, base)):
		return m.types[Fold(base.Name)]
	case ok:
		name = base.Name + " (imported)"
	case name == "":
		name, base = "Imported", model.Type{}
	}
	tp := m.types[Fold(name)]
	if tp == nil {
		tp = &TypePlan{Name: name, Fields: append([]model.FieldDef(nil), base.Fields...)}
		m.types[Fold(name)] = tp
		m.p.Types = append(m.p.Types, *tp)
		m.p.Preview.NewTypes = append(m.p.Preview.NewTypes, name)
	}
	return tp
}

// needsCustom reports whether an item has a value its built-in type has
// no field for.
func needsCustom(it Item, base model.Type) bool {
	fits := func(fs []Field) bool {
		for _, f := range fs {
			if !hasField(base, f) {
				return false
			}
		}
		return true
	}
	for _, v := range it.History {
		if !fits(v.Fields) {
			return true
		}
	}
	return !fits(it.Fields)
}

func hasField(t model.Type, f Field) bool {
	for _, d := range t.Fields {
		if f.Key != "" && d.ID == f.Key || f.Key == "" && strings.EqualFold(d.Label, cleanLabel(f.Label)) {
			return true
		}
	}
	return false
}

// values maps an item's fields onto tp's field ids, adding a field to tp
// for each label it lacks.
func (m *mapper) values(tp *TypePlan, fs []Field) map[string]string {
	out := map[string]string{}
	for _, f := range fs {
		id := m.fieldID(tp, f)
		if prev, ok := out[id]; ok && prev != "" { // two values for one field: keep both
			out[id] = prev + "\n" + f.Value
			continue
		}
		out[id] = f.Value
	}
	return out
}

func (m *mapper) fieldID(tp *TypePlan, f Field) string {
	for _, d := range tp.Fields {
		if f.Key != "" && d.ID == f.Key || f.Key == "" && strings.EqualFold(d.Label, cleanLabel(f.Label)) {
			return d.ID
		}
	}
	d := model.FieldDef{ID: f.Key, Label: uniqueLabel(tp, cleanLabel(f.Label)), Kind: f.Kind}
	if d.ID == "" || hasID(tp, d.ID) {
		d.ID = customID(d.Label)
	}
	if !d.Kind.Valid() {
		d.Kind = model.KindText
	}
	tp.Fields = append(tp.Fields, d)
	m.syncType(tp)
	if k := tp.Name + ": " + d.Label; !m.seen[k] {
		m.seen[k] = true
		m.p.Preview.Unmapped = append(m.p.Preview.Unmapped, k)
	}
	return d.ID
}

// uniqueLabel makes a new field's label one no other field of the type
// has (a type's labels differ even in case): "Card Number (2)".
func uniqueLabel(tp *TypePlan, l string) string {
	out := l
	for n := 2; hasLabel(tp, out); n++ {
		out = fmt.Sprintf("%s (%d)", l, n)
	}
	return out
}

func hasLabel(tp *TypePlan, l string) bool {
	for _, d := range tp.Fields {
		if strings.EqualFold(d.Label, l) {
			return true
		}
	}
	return false
}

func hasID(tp *TypePlan, id string) bool {
	for _, d := range tp.Fields {
		if d.ID == id {
			return true
		}
	}
	return false
}

// cleanLabel makes a source's label one a type accepts.
func cleanLabel(l string) string {
	l = strings.Join(strings.Fields(strings.NewReplacer("\t", " ", "\n", " ").Replace(l)), " ")
	if l == "" {
		return "Field"
	}
	return l
}

// customID is a custom field's id: derived from its label so that every
// import of a file uses the same ids.
func customID(label string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(cleanLabel(label))))
	return "x" + hex.EncodeToString(sum[:4])
}

// syncType records a change to a type in the plan, adding the type to the
// plan's list when an existing type first gains a field.
func (m *mapper) syncType(tp *TypePlan) {
	for i := range m.p.Types {
		if strings.EqualFold(m.p.Types[i].Name, tp.Name) {
			m.p.Types[i].Fields = tp.Fields
			return
		}
	}
	m.p.Types = append(m.p.Types, *tp)
}

func (m *mapper) finish() {
	m.p.Preview.NewGroups = m.p.Groups
	sort.Strings(m.p.Preview.Unmapped)
	if len(m.p.Records) == 0 { // nothing to write: no import group either
		m.p.Groups, m.p.Preview.NewGroups = nil, nil
		m.p.Types = nil
		m.p.Preview.NewTypes = nil
	}
}

// Fold is the key under which names that strings.EqualFold calls equal
// (as the vault's own name checks do) meet: lower case of upper case,
// which also joins letters whose lower cases differ ("ͅ" and "Ι").
func Fold(s string) string { return strings.ToLower(strings.ToUpper(s)) }
