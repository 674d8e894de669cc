package model

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"sort"
	"strconv"
	"strings"
)

// Sentinel errors callers branch on.
var (
	ErrNotFound  = errors.New("not found")
	ErrInvalid   = errors.New("invalid")
	ErrDuplicate = errors.New("already exists")
)

// Vault holds every entity of one device's vault in memory, with the clock
// that stamps this device's edits. It is not safe for concurrent use; the
// service that owns it serialises access.
type Vault struct {
	ents     map[string]*Entity
	clock    *Clock
	dirty    map[string]struct{}
	index    []indexed           // every record sorted by name; nil when it must be rebuilt
	stale    map[string]struct{} // records whose index entries an edit or merge outdated
	hitCache []hitCache          // recent filters' hits in index, newest first, dropped with it
	types    map[string]Type     // decoded type entities, dropped on change
	typeList []*Entity           // type entities by id; nil when stale
}

// New returns a vault holding only the seed (built-in types, default groups).
func New(clock *Clock) *Vault {
	v := &Vault{ents: map[string]*Entity{}, clock: clock, dirty: map[string]struct{}{}}
	v.resetCaches()
	for _, e := range Seed() {
		v.ents[e.ID] = e
	}
	return v
}

// Load returns a vault of the given entities on top of the seed, and moves
// the clock past every stamp in them.
func Load(clock *Clock, ents []*Entity) *Vault {
	v := New(clock)
	if len(ents) > len(v.ents) { // grown once, not in doublings
		grown := make(map[string]*Entity, len(ents)+len(v.ents))
		maps.Copy(grown, v.ents)
		v.ents = grown
	}
	for _, e := range ents {
		v.ents[e.ID] = e
		clock.Observe(e.Modified())
	}
	return v
}

func (v *Vault) resetCaches() {
	v.index, v.stale = nil, nil
	v.types = map[string]Type{}
	v.typeList = nil
}

// Clock is the clock stamping this vault's edits.
func (v *Vault) Clock() *Clock { return v.clock }

// NewID returns a random entity id.
func NewID() string {
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b[:])
}

// Entities returns every entity, dead ones included, sorted by id.
func (v *Vault) Entities() []*Entity {
	out := make([]*Entity, 0, len(v.ents))
	for _, e := range v.ents {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Len is the number of entities, dead ones included.
func (v *Vault) Len() int { return len(v.ents) }

// Entity returns the entity with id, or nil.
func (v *Vault) Entity(id string) *Entity { return v.ents[id] }

// Put stores an entity that arrived from elsewhere (a merge): it is not this
// device's edit, so it is not marked dirty.
func (v *Vault) Put(e *Entity) {
	v.ents[e.ID] = e
	v.invalidate(e)
	v.clock.Observe(e.Modified())
}

func (v *Vault) invalidate(e *Entity) {
	v.markStale(e.ID)
	if e.Kind != KindRecord {
		// A type or group change alters how many records read.
		v.resetCaches()
	}
}

// Dirty returns the ids of entities edited on this device since MarkClean.
func (v *Vault) Dirty() []string {
	out := make([]string, 0, len(v.dirty))
	for id := range v.dirty {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// MarkDirty marks ids as edited here and not yet published (used when a
// vault is loaded with a saved dirty set).
func (v *Vault) MarkDirty(ids ...string) {
	for _, id := range ids {
		v.dirty[id] = struct{}{}
	}
}

// MarkClean forgets that ids were edited (they have been published).
func (v *Vault) MarkClean(ids ...string) {
	for _, id := range ids {
		delete(v.dirty, id)
	}
}

// edit is one user action on one entity: every register it changes gets the
// same stamp, and only registers whose value really changes are touched.
type edit struct {
	v       *Vault
	e       *Entity
	s       Stamp
	changed bool
}

func (v *Vault) begin(e *Entity) *edit { return &edit{v: v, e: e, s: v.clock.Next()} }

func (ed *edit) set(key, val string) {
	old, ok := ed.e.Regs[key]
	if old.V == val && (ok || val == "") {
		return
	}
	if ok && old.V != "" && keepsHistory(key) {
		ed.e.AddHistory(Version{Key: key, V: old.V, S: old.S})
	}
	ed.e.Regs[key] = Reg{V: val, S: ed.s}
	ed.changed = true
}

// touch restamps a register without changing it: this outranks a tombstone.
func (ed *edit) touch(key string) {
	ed.e.Regs[key] = Reg{V: ed.e.Regs[key].V, S: ed.s}
	ed.changed = true
}

func (ed *edit) commit() {
	if ed.changed {
		ed.v.dirty[ed.e.ID] = struct{}{}
		ed.v.invalidate(ed.e)
	}
}

// KeepsHistory reports whether earlier values of register key are kept in
// history: names, notes, field values and field definitions are; flags and
// memberships are not.
func KeepsHistory(key string) bool { return keepsHistory(key) }

func keepsHistory(key string) bool {
	return key == RegName || key == RegNotes || strings.HasPrefix(key, prefixField) || strings.HasPrefix(key, prefixDef)
}

func (v *Vault) live(id string, k Kind) (*Entity, error) {
	e := v.ents[id]
	if e == nil || e.Kind != k || !e.Alive() {
		return nil, fmt.Errorf("%s %q: %w", k, id, ErrNotFound)
	}
	return e, nil
}

func (v *Vault) remove(e *Entity) {
	seen := make(map[string]Stamp, len(e.Regs))
	for k, r := range e.Regs {
		seen[k] = r.S
	}
	e.Deleted = &Tombstone{S: v.clock.Next(), Seen: seen}
	v.dirty[e.ID] = struct{}{}
	v.invalidate(e)
}

// restore brings e back by restamping its name and every value it holds:
// a restore is an edit of the whole record, so a permanent delete made
// elsewhere at the same time, which had not seen it, does not leave half
// of it (the name, say) behind.
func (v *Vault) restore(e *Entity) {
	ed := v.begin(e)
	ed.touch(RegName)
	for k, r := range e.Regs {
		if r.V != "" && k != RegName && !PurgeKeeps(k) {
			ed.touch(k)
		}
	}
	ed.commit()
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
