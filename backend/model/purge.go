package model

import (
	"fmt"
	"strings"
)

// A permanent delete erases what the deleting device had seen of the
// record, and only that. Each device's stamps rise strictly (its clock
// passes every stamp it makes), so what the purger had seen from a device
// is one stamp: the newest of that device's stamps anywhere in the
// record, in a value, an earlier version or the tombstone. The purge
// records it per device as a cutoff, a register "p/<device>" stamped with
// it. Every value and earlier version written by that device at or before
// its cutoff is blanked or dropped, here and on every device that merges
// the cutoffs (merge applies them to both sides before comparing).
//
// An edit the purger had not seen is stamped after its device's cutoff, so
// it survives, whatever the wall clocks say and whatever the purger wrote
// to the same field, and brings the record back with only its values.
// Cutoffs are ordinary LWW registers, so they need no new format, and two
// purges made concurrently merge into the later cutoff per device: the
// union of what either had seen.
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

// Erases reports whether a permanent delete covers a value written with
// stamp s: its device's cutoff is at or after it.
func (e *Entity) erases(s Stamp) bool {
	c, ok := e.Regs[prefixCutoff+s.Dev]
	return ok && !s.After(c.S)
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

// ApplyPurge removes every value, earlier version and tombstone entry that
// the entity's cutoffs cover, and reports whether anything changed. An
// erased value leaves no register behind: a blank stamped later would
// outrank an edit the purger had not seen on the same field, and the
// tombstone's entry for it would keep that edit from bringing the record
// back. The type and creation time stay, with their tombstone entries.
func (e *Entity) ApplyPurge() bool {
	changed := false
	for k, r := range e.Regs {
		if !PurgeKeeps(k) && e.erases(r.S) {
			delete(e.Regs, k)
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
	if e.Deleted != nil {
		for k, s := range e.Deleted.Seen {
			if !PurgeKeeps(k) && e.erases(s) {
				delete(e.Deleted.Seen, k)
				changed = true
			}
		}
	}
	return changed
}

// Erases reports whether a permanent delete covers value h: its device's
// cutoff is at or after the stamp it was written with.
func (e *Entity) Erases(h Version) bool { return e.erases(h.S) }

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
	note := func(s Stamp) {
		if !s.IsZero() {
			seen[s.Dev] = MaxStamp(seen[s.Dev], s)
		}
	}
	for k, r := range e.Regs {
		if !IsPurgeKey(k) {
			note(r.S)
		}
	}
	for _, h := range e.History {
		note(h.S)
	}
	note(e.Deleted.S)
	for _, s := range e.Deleted.Seen {
		note(s)
	}
	ed := v.begin(e)
	for dev, s := range seen {
		if c, ok := e.Regs[prefixCutoff+dev]; !ok || s.After(c.S) {
			e.Regs[prefixCutoff+dev] = Reg{S: s}
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
