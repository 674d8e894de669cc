package syncer

import (
	"context"
	"fmt"
	"path/filepath"

	"vaultbar/backend/format"
	"vaultbar/backend/syncfolder"
)

// Cleaned is what CleanUp did.
type Cleaned struct {
	Moved []string `json:"moved"` // the files moved, as they were in the sync folder
	Dir   string   `json:"dir"`   // where they are now, beside the sync folder
}

// CleanUp moves the files the status counts as ignored (ones that failed to
// open scan after scan, and key files that are not what their name says)
// out of the sync data, into a dated folder beside
// the sync folder. Nothing is deleted. It first syncs until every file has
// been looked at ProblemScans times, and leaves alone what changed since it
// failed, what this device wrote, and anything under a cloud sync password
// newer than this device's (a device that knows it may have written it).
func (e *Engine) CleanUp(ctx context.Context) (Cleaned, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for range ProblemScans {
		if err := e.syncLocked(ctx); err != nil {
			return Cleaned{}, err
		}
	}
	paths := e.movable()
	if len(paths) == 0 {
		return Cleaned{}, nil
	}
	aside := fmt.Sprintf("%s-ignored-%s", filepath.Base(e.cfg.Root), e.cfg.Clock.Now().Format("2006-01-02"))
	dir, moved, err := e.folder.SetAside(paths, aside)
	for _, p := range moved {
		delete(e.problems, p)
		delete(e.kr.junk, p)
		delete(e.kr.parsed, p)
	}
	e.setIdle()
	if err != nil {
		return Cleaned{Moved: moved, Dir: dir}, e.fail(err)
	}
	return Cleaned{Moved: moved, Dir: dir}, nil
}

// movable is the ignored files CleanUp may move.
func (e *Engine) movable() []string {
	var out []string
	for _, p := range e.ignored() {
		if e.mayMove(p) {
			out = append(out, p)
		}
	}
	for _, p := range e.keyJunk(true) {
		pr := e.kr.junk[p]
		if size, mod, err := e.folder.Stat(p); err == nil && size == pr.size && mod.Equal(pr.mod) {
			out = append(out, p)
		}
	}
	return out
}

func (e *Engine) mayMove(path string) bool {
	pr := e.problems[path]
	size, mod, err := e.folder.Stat(path)
	if pr == nil || err != nil || size != pr.size || !mod.Equal(pr.mod) {
		return false // gone, or changed since it failed: look again first
	}
	name := filepath.Base(path)
	if n, ok := format.ParseSyncName(canonical(name)); ok && n.Epoch > e.st.Epoch {
		return false
	}
	own := e.folder.DevicePath(e.dev, "")
	_, wrote := e.st.Own[name]
	return !(wrote && filepath.Dir(path) == filepath.Clean(own))
}

// canonical is the name a file in the sync folder stands for.
func canonical(name string) string {
	_, c := syncfolder.Classify(name)
	return c
}
