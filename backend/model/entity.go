package model

import (
	"sort"
)

// Kind says what an Entity is.
type Kind uint8

const (
	KindRecord Kind = 1
	KindGroup  Kind = 2
	KindType   Kind = 3
)

func (k Kind) String() string {
	switch k {
	case KindRecord:
		return "record"
	case KindGroup:
		return "group"
	case KindType:
		return "type"
	}
	return "unknown"
}

// Reg is a last-writer-wins register: a value and the stamp of the edit that
// wrote it.
type Reg struct {
	V string
	S Stamp
}

// Version is an earlier value of one register, kept in an entity's history
// when a later edit (local, or a concurrent one from another device) won.
type Version struct {
	Key string // register key
	V   string
	S   Stamp // the stamp the value was written with
}

// Tombstone marks an entity deleted. Seen holds, for each register, the stamp
// the deleting device had seen; an edit it had not seen (a later stamp on any
// register) brings the entity back, so a delete never swallows an edit made
// concurrently on another device.
type Tombstone struct {
	S    Stamp
	Seen map[string]Stamp
}

// Entity is the unit of storage and merge: a record, group or record type.
type Entity struct {
	ID      string
	Kind    Kind
	Regs    map[string]Reg
	History []Version // newest first, at most HistoryLimit
	Deleted *Tombstone
}

// HistoryLimit is how many earlier versions an entity keeps.
const HistoryLimit = 32

// Alive reports whether the entity exists for the user: never deleted, or
// edited after what its deleter had seen. A permanent delete's registers
// are not edits and never count.
func (e *Entity) Alive() bool {
	if e.Deleted == nil {
		return true
	}
	for k, r := range e.Regs {
		if !IsPurgeKey(k) && r.S.After(e.Deleted.Seen[k]) {
			return true
		}
	}
	return false
}

// Get returns the value of register k ("" when unset).
func (e *Entity) Get(k string) string { return e.Regs[k].V }

// Modified is the latest stamp on the entity, its tombstone included.
func (e *Entity) Modified() Stamp {
	var m Stamp
	for _, r := range e.Regs {
		m = MaxStamp(m, r.S)
	}
	if e.Deleted != nil {
		m = MaxStamp(m, e.Deleted.S)
	}
	return m
}

// Clone returns a deep copy, so callers can hand entities across goroutines
// and packages without sharing maps.
func (e *Entity) Clone() *Entity {
	c := &Entity{ID: e.ID, Kind: e.Kind, Regs: make(map[string]Reg, len(e.Regs))}
	for k, r := range e.Regs {
		c.Regs[k] = r
	}
	c.History = append([]Version(nil), e.History...)
	if e.Deleted != nil {
		c.Deleted = &Tombstone{S: e.Deleted.S, Seen: make(map[string]Stamp, len(e.Deleted.Seen))}
		for k, s := range e.Deleted.Seen {
			c.Deleted.Seen[k] = s
		}
	}
	return c
}

// AddHistory records earlier versions, keeping the newest HistoryLimit by
// stamp with duplicates removed. Because the kept set depends only on the
// union of versions, devices that learn the same versions in any order end
// with the same history. Versions a permanent delete covers are not kept:
// other devices still send them until they merge the purge.
func (e *Entity) AddHistory(vs ...Version) {
	all := append(e.History, vs...)
	kept := all[:0:0]
	for _, v := range all {
		if !e.Erases(v) {
			kept = append(kept, v)
		}
	}
	all = kept
	sort.Slice(all, func(i, j int) bool {
		if c := all[i].S.Compare(all[j].S); c != 0 {
			return c > 0
		}
		return all[i].Key < all[j].Key
	})
	out := all[:0]
	for i, v := range all {
		if i > 0 && v.S == all[i-1].S && v.Key == all[i-1].Key {
			continue
		}
		out = append(out, v)
	}
	if len(out) > HistoryLimit {
		out = out[:HistoryLimit]
	}
	e.History = out
}
