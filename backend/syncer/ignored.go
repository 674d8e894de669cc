package syncer

import (
	"cmp"
	"maps"
	"path/filepath"
	"slices"
)

// Files that failed to open are remembered by size and time so they are
// not read again (see readFile). The largest are also kept in the sync
// state, so that a restart, or each run of the command line, does not read
// a big junk file again either; the small ones cost little to look at anew.
const (
	keepIgnored    = 16       // files remembered across runs
	keepIgnoredMin = 64 << 10 // only files at least this large
)

// restoreIgnored seeds the problems from the state.
func (e *Engine) restoreIgnored() {
	for rel, f := range e.st.Ignored {
		p := filepath.Join(e.cfg.Root, rel)
		e.problems[p] = &problem{msg: f.Msg, path: p, size: f.Size, mod: f.Mod, scans: min(f.Scans, ProblemScans)}
	}
}

// rememberIgnored keeps the largest files that failed in the state, from
// their first failure, saving it only when they changed (at most
// ProblemScans times for a file that stays).
func (e *Engine) rememberIgnored() error {
	keep := map[string]ignoredFile{}
	var big []string
	for p, pr := range e.problems {
		if pr.path != "" && pr.size >= keepIgnoredMin {
			big = append(big, p)
		}
	}
	slices.SortFunc(big, func(a, b string) int { return cmp.Compare(e.problems[b].size, e.problems[a].size) })
	for _, p := range big[:min(len(big), keepIgnored)] {
		pr := e.problems[p]
		if rel, err := filepath.Rel(e.cfg.Root, p); err == nil {
			keep[rel] = ignoredFile{Size: pr.size, Mod: pr.mod, Msg: pr.msg, Scans: min(pr.scans, ProblemScans)}
		}
	}
	if maps.EqualFunc(keep, e.st.Ignored, func(a, b ignoredFile) bool {
		return a.Size == b.Size && a.Mod.Equal(b.Mod) && a.Scans == b.Scans
	}) {
		return nil
	}
	if len(keep) == 0 {
		keep = nil
	}
	e.st.Ignored = keep
	return e.save()
}
