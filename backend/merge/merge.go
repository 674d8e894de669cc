package merge

import (
	"vaultbar/backend/model"
)

// Entity merges remote into local and returns the result and whether it
// differs from local. Neither argument is modified; either may be nil.
func Entity(local, remote *model.Entity) (*model.Entity, bool) {
	switch {
	case remote == nil && local == nil:
		return nil, false
	case remote == nil:
		return local, false
	case local == nil:
		return remote.Clone(), true
	}
	if local.Kind != remote.Kind {
		// Ids are random, so this is damage or tampering, not an edit. Keep
		// one deterministically; the other side's entity is not lost on its
		// own device.
		if remote.Kind < local.Kind {
			return remote.Clone(), true
		}
		return local, false
	}
	// A permanent delete on either side applies to both before they are
	// compared, so a value it erased can't come back from a device that
	// has not merged it, and merge order doesn't matter.
	out := local.Clone()
	changed := out.TakeCutoffs(remote)
	if out.ApplyPurge() {
		changed = true
	}
	if _, purged := out.Regs[model.RegPurged]; purged {
		remote = remote.Clone()
		remote.TakeCutoffs(out)
		remote.ApplyPurge()
	}
	if mergeRegs(out, remote) {
		changed = true
	}
	if mergeTombstone(out, remote.Deleted) {
		changed = true
	}
	out.AddHistory(remote.History...)
	if historyChanged(local.History, out.History) {
		changed = true
	}
	if !changed {
		return local, false
	}
	return out, true
}

func historyChanged(a, b []model.Version) bool {
	if len(a) != len(b) {
		return true
	}
	for i := range a {
		if a[i] != b[i] {
			return true
		}
	}
	return false
}

// mergeRegs takes the later of each register; the losing value goes to
// history, exactly as a local edit would have put it there.
func mergeRegs(out, remote *model.Entity) bool {
	changed := false
	for k, r := range remote.Regs {
		l, ok := out.Regs[k]
		switch {
		case !ok:
			out.Regs[k] = r
			changed = true
		case r.S.After(l.S) || (r.S == l.S && r.V > l.V):
			keepLoser(out, k, l, r)
			out.Regs[k] = r
			changed = true
		case r.S != l.S:
			keepLoser(out, k, r, l)
		}
	}
	return changed
}

// keepLoser puts the losing value in history, as a local edit would: not
// when it is the winner's value restamped (a restore), which a local edit
// does not keep either, so every device ends with the same history.
func keepLoser(e *model.Entity, key string, loser, winner model.Reg) {
	if loser.V != "" && loser.V != winner.V && model.KeepsHistory(key) {
		e.AddHistory(model.Version{Key: key, V: loser.V, S: loser.S})
	}
}

func mergeTombstone(out *model.Entity, t *model.Tombstone) bool {
	if t == nil {
		return false
	}
	if out.Deleted == nil {
		out.Deleted = &model.Tombstone{S: t.S, Seen: make(map[string]model.Stamp, len(t.Seen))}
		for k, s := range t.Seen {
			out.Deleted.Seen[k] = s
		}
		return true
	}
	changed := false
	if t.S.After(out.Deleted.S) {
		out.Deleted.S = t.S
		changed = true
	}
	for k, s := range t.Seen {
		if s.After(out.Deleted.Seen[k]) {
			out.Deleted.Seen[k] = s
			changed = true
		}
	}
	return changed
}

// Into merges remote entities into v and returns the ids whose content
// changed, so the caller saves and announces only those.
func Into(v *model.Vault, remote []*model.Entity) []string {
	var changed []string
	for _, r := range remote {
		if r == nil || r.ID == "" {
			continue
		}
		if m, ok := Entity(v.Entity(r.ID), r); ok {
			v.Put(m)
			changed = append(changed, r.ID)
		}
	}
	return changed
}
