package model

import "fmt"

// RegPurged is the register a permanent delete stamps. Its stamp P is the
// purge: every register value written at or before P is blanked and every
// earlier version at or before P dropped, here and on every device that
// merges it (merge applies it to both sides before comparing). Because it
// is an ordinary LWW register, it needs no new format and concurrent purges
// converge on the later one. Values written after P (an edit made elsewhere
// before that device saw the purge, with a later stamp) survive and bring
// the record back with only those values.
const RegPurged = "purged"

// purgeKeeps says which registers a purge leaves: the record's type id is
// not the user's content, and a record brought back by a later edit needs
// it to show its fields.
func purgeKeeps(key string) bool { return key == RegPurged || key == RegType }

// PurgeStamp is the stamp of the entity's last permanent delete, or the
// zero stamp if it has none.
func (e *Entity) PurgeStamp() Stamp { return e.Regs[RegPurged].S }

// Purged reports whether the entity was deleted permanently and nothing
// written since has brought it back.
func (e *Entity) Purged() bool {
	_, ok := e.Regs[RegPurged]
	return ok && !e.Alive()
}

// PurgeBefore blanks every value written at or before p and drops every
// earlier version at or before p, and reports whether anything changed.
// Stamps stay: tombstones and merges compare them, and they carry nothing
// the user wrote.
func (e *Entity) PurgeBefore(p Stamp) bool {
	if p.IsZero() {
		return false
	}
	changed := false
	for k, r := range e.Regs {
		if r.V != "" && !purgeKeeps(k) && !r.S.After(p) {
			e.Regs[k] = Reg{S: r.S}
			changed = true
		}
	}
	kept := e.History[:0:0]
	for _, h := range e.History {
		if h.S.After(p) {
			kept = append(kept, h)
		}
	}
	if len(kept) != len(e.History) {
		e.History, changed = kept, true
	}
	return changed
}

// PurgeRecord deletes a record in Deleted Records permanently: its values
// and history are blanked here now, and on other devices when they merge.
func (v *Vault) PurgeRecord(id string) error {
	e := v.ents[id]
	if e == nil || e.Kind != KindRecord || e.Purged() {
		return fmt.Errorf("record %q: %w", id, ErrNotFound)
	}
	if e.Alive() {
		return fmt.Errorf("record %q is not in the deleted records: %w", id, ErrInvalid)
	}
	ed := v.begin(e)
	// Set even if an earlier purge left "1" there: the new stamp is the
	// new purge, so it must move.
	e.Regs[RegPurged] = Reg{V: "1", S: ed.s}
	ed.changed = true
	e.PurgeBefore(ed.s)
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
