package service

import (
	"sort"

	"vaultbar/backend/model"
)

// RestoreCounts is how many entities of one kind a restore changes.
type RestoreCounts struct {
	Changed  int `json:"changed"`  // live now and in the backup, with other values
	Restored int `json:"restored"` // deleted now (or gone), live in the backup: they come back
	Removed  int `json:"removed"`  // live now, not in the backup: moved to the deleted records
}

// Total is every entity counted.
func (c RestoreCounts) Total() int { return c.Changed + c.Restored + c.Removed }

// RestoreSummary says what restoring a backup changes, by kind.
type RestoreSummary struct {
	Backup  string        `json:"backup"`
	Records RestoreCounts `json:"records"`
	Groups  RestoreCounts `json:"groups"`
	Types   RestoreCounts `json:"types"`
	// Purged is how many records of the backup were deleted permanently
	// since: a restore leaves them deleted, as "permanently" promised.
	Purged int `json:"purged"`
}

// Total is every entity the restore changes; 0 means the vault already
// is as the backup was.
func (s RestoreSummary) Total() int { return s.Records.Total() + s.Groups.Total() + s.Types.Total() }

type restoreAction uint8

const (
	actChange restoreAction = iota
	actRestore
	actRemove
)

// restoreStep is what one entity needs to look as it did in the backup.
type restoreStep struct {
	id     string
	kind   model.Kind
	act    restoreAction
	target *model.Entity // the backup's entity; nil for actRemove
}

type restorePlan struct {
	steps  []restoreStep
	purged int // records of the backup deleted permanently since, left so
}

// planRestore compares the vault with a backup of it, entity by entity
// (ids sorted, so a plan is deterministic). Entities whose kind differs
// between the two are left alone: ids are random, so that is no backup of
// this entity.
func planRestore(cur, backup *model.Vault) restorePlan {
	var p restorePlan
	for _, id := range unionIDs(cur, backup) {
		c, b := cur.Entity(id), backup.Entity(id)
		if c != nil && b != nil && c.Kind != b.Kind {
			continue
		}
		if c != nil && b != nil && c.Regs[model.RegPurged] != (model.Reg{}) {
			// A permanent delete is never undone: the backup's values it
			// erased are not written back, even into a record that an edit
			// made elsewhere brought back since.
			wasLive := b.Alive() && hasContent(b)
			b = b.Clone()
			b.TakeCutoffs(c)
			b.ApplyPurge()
			if !hasContent(b) {
				if wasLive {
					p.purged++
				}
				continue
			}
		}
		if c != nil && c.Purged() {
			continue
		}
		cLive, bLive := c != nil && c.Alive(), b != nil && b.Alive()
		switch {
		case bLive && !cLive:
			p.steps = append(p.steps, restoreStep{id: id, kind: b.Kind, act: actRestore, target: b})
		case bLive && differs(c, b):
			p.steps = append(p.steps, restoreStep{id: id, kind: b.Kind, act: actChange, target: b})
		case !bLive && cLive:
			p.steps = append(p.steps, restoreStep{id: id, kind: c.Kind, act: actRemove})
		}
	}
	return p
}

// hasContent reports whether e holds anything the user wrote.
func hasContent(e *model.Entity) bool {
	for k, r := range e.Regs {
		if r.V != "" && !model.PurgeKeeps(k) {
			return true
		}
	}
	return false
}

func unionIDs(a, b *model.Vault) []string {
	seen := map[string]struct{}{}
	for _, v := range []*model.Vault{a, b} {
		for _, e := range v.Entities() {
			seen[e.ID] = struct{}{}
		}
	}
	out := make([]string, 0, len(seen))
	for id := range seen {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// differs reports whether any register holds another value; stamps do
// not count, and a missing register reads as "". A permanent delete's
// mark is not content: a restore keeps it (revert).
func differs(c, b *model.Entity) bool {
	for k, r := range c.Regs {
		if !model.IsPurgeKey(k) && b.Get(k) != r.V {
			return true
		}
	}
	for k, r := range b.Regs {
		if !model.IsPurgeKey(k) && c.Get(k) != r.V {
			return true
		}
	}
	return false
}

func (p restorePlan) summary(backup string) RestoreSummary {
	s := RestoreSummary{Backup: backup, Purged: p.purged}
	for _, st := range p.steps {
		c := s.counts(st.kind)
		if c == nil {
			continue
		}
		switch st.act {
		case actChange:
			c.Changed++
		case actRestore:
			c.Restored++
		case actRemove:
			c.Removed++
		}
	}
	return s
}

func (s *RestoreSummary) counts(k model.Kind) *RestoreCounts {
	switch k {
	case model.KindRecord:
		return &s.Records
	case model.KindGroup:
		return &s.Groups
	case model.KindType:
		return &s.Types
	}
	return nil
}

// apply makes each entity of the plan look as in the backup by new edits
// stamped by v's clock, so they win over every earlier state on every
// device, and returns the ids it changed (marked dirty, to be published).
func (p restorePlan) apply(v *model.Vault) []string {
	ids := make([]string, 0, len(p.steps))
	for _, st := range p.steps {
		e := v.Entity(st.id)
		if e == nil {
			e = &model.Entity{ID: st.id, Kind: st.kind, Regs: map[string]model.Reg{}}
		} else {
			e = e.Clone()
		}
		if st.act == actRemove {
			bury(e, v.Clock().Next())
		} else {
			revert(e, st.target, v.Clock().Next())
		}
		v.Put(e)
		v.MarkDirty(e.ID)
		ids = append(ids, e.ID)
	}
	return ids
}

// revert sets every register of e to its value in target with stamp s,
// keeping the values it replaces in history as any edit does. A deleted e
// has its name touched too, so it comes back whatever changed (its
// tombstone saw only older stamps). The backup's own history joins e's.
// A permanent delete is never reverted: moving its stamp would blank the
// values restored with it on other devices.
func revert(e, target *model.Entity, s model.Stamp) {
	for k := range target.Regs {
		if !model.IsPurgeKey(k) {
			setReg(e, k, target.Get(k), s)
		}
	}
	for k := range e.Regs {
		if _, ok := target.Regs[k]; !ok && !model.IsPurgeKey(k) {
			setReg(e, k, "", s)
		}
	}
	if !e.Alive() {
		e.Regs[model.RegName] = model.Reg{V: e.Get(model.RegName), S: s}
	}
	e.AddHistory(target.History...)
}

// setReg is model's edit rule for one register: stamp only a real change,
// and keep the value it replaces where the register keeps history.
func setReg(e *model.Entity, k, val string, s model.Stamp) {
	old, ok := e.Regs[k]
	if old.V == val && (ok || val == "") {
		return
	}
	if ok && old.V != "" && model.KeepsHistory(k) {
		e.AddHistory(model.Version{Key: k, V: old.V, S: old.S})
	}
	e.Regs[k] = model.Reg{V: val, S: s}
}

// bury deletes e as model's DeleteRecord does: the tombstone remembers the
// stamps seen, so an edit made elsewhere that it did not see still wins.
func bury(e *model.Entity, s model.Stamp) {
	seen := make(map[string]model.Stamp, len(e.Regs))
	for k, r := range e.Regs {
		seen[k] = r.S
	}
	e.Deleted = &model.Tombstone{S: s, Seen: seen}
}
