package model

import (
	"fmt"
	"strings"
)

// A permanent delete erases what the deleting device had seen, and only
// that. For every register it records a cutoff: a register "p/<key>" whose
// stamp is the newest stamp of <key> the device held (its value or an
// earlier version). Every value and earlier version of <key> at or before
// its cutoff is blanked or dropped, here and on every device that merges
// the cutoffs (merge applies them to both sides before comparing).
//
// Cutoffs are ordinary LWW registers, so they need no new format, and two
// purges made concurrently merge into the later cutoff for each key: the
// union of what either device erased. An edit the purging device had not
// seen has a later stamp than its cutoff (a device's clock passes every
// stamp it has seen), so it survives and brings the record back with only
// its own values; a stamp from the purger's wall clock never decides, so
// an edit made while the purge travelled is never lost.
//
// RegPurged marks the record as deleted permanently; it is never content.
const (
	RegPurged    = "purged"
	prefixCutoff = "p/"
)

// IsPurgeKey reports whether register key k belongs to a permanent delete
// (the mark or a cutoff) rather than to the record's content. Restoring a
// backup never moves these: a cutoff stamped later would erase the values
// restored with it.
func IsPurgeKey(k string) bool { return k == RegPurged || strings.HasPrefix(k, prefixCutoff) }

// PurgeKeeps says which registers a purge leaves: its own, the record's
// type id and its creation time. They are not what the user wrote, and a
// record brought back by a later edit needs them to show its fields and
// when it was made.
func PurgeKeeps(key string) bool { return IsPurgeKey(key) || key == RegType || key == RegCreated }

// cutoff is the stamp at or before which values of register key are erased,
// or the zero stamp if no permanent delete covers it.
func (e *Entity) cutoff(key string) (Stamp, bool) {
	r, ok := e.Regs[prefixCutoff+key]
	return r.S, ok
}

// Purged reports whether the entity was deleted permanently and holds
// nothing written since. A record that a later edit (or a restore) brought
// back and that was deleted again is an ordinary deleted record: it holds
// values, so Deleted Records shows it and it can be restored or purged.
func (e *Entity) Purged() bool {
	if _, ok := e.Regs[RegPurged]; !ok || e.Alive() {
		return false
	}
	for k, r := range e.Regs {
		if r.V != "" && !PurgeKeeps(k) {
			return false
		}
	}
	return true
}

// ApplyPurge blanks every value and drops every earlier version that the
// entity's cutoffs cover, and reports whether anything changed. Stamps
// stay: tombstones and merges compare them, and they carry nothing the
// user wrote.
func (e *Entity) ApplyPurge() bool {
	changed := false
	for k, r := range e.Regs {
		if r.V == "" || PurgeKeeps(k) {
			continue
		}
		if c, ok := e.cutoff(k); ok && !r.S.After(c) {
			e.Regs[k] = Reg{S: r.S}
			changed = true
		}
	}
	kept := e.History[:0:0]
	for _, h := range e.History {
		if !e.Erases(h) {
			kept = append(kept, h)
		}
	}
	if len(kept) != len(e.History) {
		e.History, changed = kept, true
	}
	return changed
}

// Erases reports whether a permanent delete covers value h: it was written
// at or before the cutoff of its register.
func (e *Entity) Erases(h Version) bool {
	c, ok := e.cutoff(h.Key)
	return ok && !h.S.After(c)
}

// TakeCutoffs raises e's cutoffs to src's where src's are later, and
// reports whether any moved. Merging both ways gives both sides the union.
func (e *Entity) TakeCutoffs(src *Entity) bool {
	changed := false
	for k, r := range src.Regs {
		if !IsPurgeKey(k) {
			continue
		}
		if l, ok := e.Regs[k]; !ok || r.S.After(l.S) || (r.S == l.S && r.V > l.V) {
			e.Regs[k] = r
			changed = true
		}
	}
	return changed
}

// PurgeRecord deletes a record in Deleted Records permanently: everything
// this device holds of it is blanked here now, and on other devices when
// they merge.
func (v *Vault) PurgeRecord(id string) error {
	e := v.ents[id]
	if e == nil || e.Kind != KindRecord || e.Purged() {
		return fmt.Errorf("record %q: %w", id, ErrNotFound)
	}
	if e.Alive() {
		return fmt.Errorf("record %q is not in the deleted records: %w", id, ErrInvalid)
	}
	seen := map[string]Stamp{}
	for k, r := range e.Regs {
		if !PurgeKeeps(k) {
			seen[k] = MaxStamp(seen[k], r.S)
		}
	}
	for _, h := range e.History {
		seen[h.Key] = MaxStamp(seen[h.Key], h.S)
	}
	ed := v.begin(e)
	for k, s := range seen {
		if c, ok := e.cutoff(k); !ok || s.After(c) {
			e.Regs[prefixCutoff+k] = Reg{S: s}
		}
	}
	// Set even if an earlier purge left "1" there, so the mark's stamp says
	// when the last purge was made.
	e.Regs[RegPurged] = Reg{V: "1", S: ed.s}
	ed.changed = true
	e.ApplyPurge()
	ed.commit()
	return nil
}

// DeletedRecord returns a record in Deleted Records (not a purged one), for
// showing it read-only.
func (v *Vault) DeletedRecord(id string) (Record, error) {
	e := v.ents[id]
	if e == nil || e.Kind != KindRecord || e.Alive() || e.Purged() {
		return Record{}, fmt.Errorf("deleted record %q: %w", id, ErrNotFound)
	}
	return v.recordView(e), nil
}
