package syncer

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"vaultbar/backend/format"
	"vaultbar/backend/syncfolder"
)

// maxKeyFile bounds what is read of a key file: the largest a valid one can
// be (a megabyte of sealed body and a few small fields).
const maxKeyFile = 1<<20 + 4096

// keyRoom is what the engine remembers of the key files in the folder.
type keyRoom struct {
	parsed map[string]*keyEntry // by path, valid while size and time match
	junk   map[string]*problem  // key files ignored: no device of yours wrote them
	view   *keyView             // as of the last scan
}

// keyEntry is one key file as read: parsed, with its name agreeing with its
// content, or why not.
type keyEntry struct {
	path string
	name format.KeyName
	size int64
	mod  time.Time
	raw  []byte
	kf   format.KeyFile
	err  error
}

// keyView is one scan's key files as this device sees them.
type keyView struct {
	files   []*keyEntry // parsed, name and content agree
	newer   []*keyEntry // chained to this device's key, of a later epoch: a password change
	current *keyEntry   // the file that defines this device's epoch
	pending []syncfolder.Pending
}

// scanKeys reads the listing's key files (each once while unchanged),
// refusing a newer format and setting aside what does not parse.
func (e *Engine) scanKeys(l *syncfolder.Listing) (*keyView, error) {
	v := &keyView{pending: l.KeysPending}
	seen := map[string]bool{}
	for _, pr := range e.kr.junk {
		pr.seen = false
	}
	for _, f := range l.Keys {
		if f.Copy {
			e.dropKeyCopy(f)
			continue
		}
		ke := e.keyEntry(f)
		if ke == nil {
			continue // unreadable this time: the next scan sees
		}
		seen[f.Path] = true
		if errors.Is(ke.err, format.ErrNewerVersion) {
			e.halt()
			return nil, ErrNewerFormat
		}
		if ke.err != nil {
			e.junkKey(ke, !errors.Is(ke.err, format.ErrTruncated))
			continue
		}
		v.files = append(v.files, ke)
	}
	if e.st != nil {
		e.classify(v)
		e.fetchKeys(v.pending)
	}
	e.forgetKeys(seen)
	return v, nil
}

// fetchKeys asks for key files of later epochs that are not downloaded yet
// (an evicted iCloud file stays a placeholder until asked for), so that a
// password change is noticed. Until one is here it proves nothing: anyone
// can name a file.
func (e *Engine) fetchKeys(pending []syncfolder.Pending) {
	for _, p := range pending {
		if n, ok := format.ParseKeyName(p.Name); ok && n.Epoch > e.st.Epoch {
			e.folder.Download(p)
		}
	}
}

// keyEntry reads and parses one key file, or returns what it found before.
func (e *Engine) keyEntry(f syncfolder.File) *keyEntry {
	if e.kr.parsed == nil {
		e.kr.parsed = map[string]*keyEntry{}
	}
	if ke := e.kr.parsed[f.Path]; ke != nil && ke.size == f.Size && ke.mod.Equal(f.ModTime) {
		return ke
	}
	ke := &keyEntry{path: f.Path, size: f.Size, mod: f.ModTime}
	name, _ := format.ParseKeyName(f.Name)
	ke.name = name
	if f.Size > maxKeyFile {
		ke.err = fmt.Errorf("%d bytes is too large for a key file", f.Size)
	} else if raw, err := e.folder.Read(f.Path); err != nil {
		return nil
	} else {
		ke.raw = raw
		ke.kf, ke.err = format.ParseKeyFile(raw)
		if ke.err == nil && (ke.kf.Epoch != name.Epoch || ke.kf.Device != name.Device) {
			ke.err = fmt.Errorf("its content is the key file %d-%s", ke.kf.Epoch, ke.kf.Device)
		}
		if ke.err != nil {
			ke.raw, ke.kf = nil, format.KeyFile{} // junk is remembered, not kept
		}
	}
	e.kr.parsed[f.Path] = ke
	return ke
}

// classify sorts parsed key files against this device's epoch E: the file
// defining E; files of a later epoch chained to E's key (a password change
// made by someone who held it); and the rest at or above E, which no device
// of yours can have written: another epoch E file (only one device makes an
// epoch), or a later one not chained to E (junk, a forgery, a real file
// copied to a higher name, or a change made by an older Vaultbar).
func (e *Engine) classify(v *keyView) {
	cur := format.KeyName{Epoch: e.st.Epoch, Device: e.st.KeyDevice}
	var other []*keyEntry
	for _, ke := range v.files {
		switch {
		case ke.name == cur:
			v.current = ke
		case ke.kf.Epoch > cur.Epoch && ke.kf.Prev == cur.Epoch && chainedTo(ke.kf, e.keys[cur.Epoch]):
			v.newer = append(v.newer, ke)
		case ke.kf.Epoch >= cur.Epoch:
			other = append(other, ke)
		}
	}
	for _, ke := range other {
		// While a change is waiting for its password, later files may chain
		// to that change's key, which this device does not hold yet.
		if len(v.newer) == 0 || ke.kf.Epoch == cur.Epoch {
			e.junkKey(ke, true)
		}
	}
}

// junkKey notes a key file to ignore. A file cut short may still be
// arriving, so it is reported only once it stays that way over several
// scans; anything else at once.
func (e *Engine) junkKey(ke *keyEntry, sure bool) {
	if e.kr.junk == nil {
		e.kr.junk = map[string]*problem{}
	}
	pr := e.kr.junk[ke.path]
	if pr == nil || pr.size != ke.size || !pr.mod.Equal(ke.mod) {
		pr = &problem{size: ke.size, mod: ke.mod}
		e.kr.junk[ke.path] = pr
	}
	pr.seen = true
	if ke.err != nil {
		// No device of yours can have written a file that does not parse
		// as the key file its name says: clean up may move it.
		pr.path = ke.path
	}
	if sure {
		pr.scans = ProblemScans
	}
}

// keyJunk lists the key files ignored that are reported; movable keeps
// only those clean up may move (see junkKey).
func (e *Engine) keyJunk(movable bool) []string {
	var out []string
	for p, pr := range e.kr.junk {
		if pr.scans >= ProblemScans && (!movable || pr.path != "") {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// forgetKeys drops what is remembered of key files no longer there, and
// junk not seen again, then ages the rest.
func (e *Engine) forgetKeys(seen map[string]bool) {
	for p := range e.kr.parsed {
		if !seen[p] {
			delete(e.kr.parsed, p)
		}
	}
	for p, pr := range e.kr.junk {
		if !seen[p] || !pr.seen {
			delete(e.kr.junk, p)
			continue
		}
		pr.scans++
	}
}

// keyWarnings is one sentence for the key files ignored.
func (e *Engine) keyWarnings() []string {
	var names []string
	for _, p := range e.keyJunk(false) {
		names = append(names, filepath.Join(syncfolder.KeysDir, filepath.Base(p)))
	}
	if len(names) == 0 {
		return nil
	}
	slices.Sort(names)
	files := "files"
	if len(names) == 1 {
		files = "file"
	}
	shown := names[:min(len(names), 3)]
	more := ""
	if len(names) > len(shown) {
		more = fmt.Sprintf(" and %d more", len(names)-len(shown))
	}
	return []string{fmt.Sprintf("ignored %d %s in the sync folder that no device of yours wrote (%s%s)",
		len(names), files, strings.Join(shown, ", "), more)}
}
