package syncfolder

import (
	"path"
	"strings"

	"vaultbar/backend/format"
)

// TempPrefix starts the name of every file this package is still writing.
const TempPrefix = ".vbtmp-"

// EntryKind says what a directory entry in the sync folder is.
type EntryKind int

const (
	Other       EntryKind = iota // not ours, or ours but of no interest
	Canonical                    // a sync file under its own name
	Copy                         // a sync service's conflict copy of a sync file
	Placeholder                  // an evicted file (iCloud ".name.icloud") still to download
	Temp                         // temporary or partly written: ignored
)

// Classify says what entry name is and, for sync files, copies and
// placeholders, which canonical name it stands for.
func Classify(name string) (EntryKind, string) {
	if real, ok := placeholderOf(name); ok {
		if isOurs(real) {
			return Placeholder, real
		}
		return Other, ""
	}
	if isTemp(name) {
		return Temp, ""
	}
	if isOurs(name) {
		return Canonical, name
	}
	if c, ok := ParseConflict(name); ok {
		return Copy, c
	}
	return Other, ""
}

func isOurs(name string) bool {
	if _, ok := format.ParseSyncName(name); ok {
		return true
	}
	_, ok := format.ParseKeyName(name)
	return ok
}

// placeholderOf maps iCloud's ".c-1-2.vbc.icloud" to "c-1-2.vbc".
func placeholderOf(name string) (string, bool) {
	if !strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".icloud") {
		return "", false
	}
	real := strings.TrimSuffix(name[1:], ".icloud")
	return real, real != ""
}

// isTemp recognises files being written, ours and other programs': our
// prefix, Office-style ".~" and "~$", Syncthing's ".syncthing.*.tmp", Dropbox's
// ".dropbox*", any ".tmp" or ".part", and other hidden files.
func isTemp(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") ||
		strings.HasSuffix(name, ".tmp") || strings.HasSuffix(name, ".part") || strings.HasSuffix(name, "~")
}

// ParseConflict maps the name of a sync service's conflict copy back to the
// name it copies, when that is one of our sync file names:
//
//	iCloud     "c-1-5 2.vbc"
//	Dropbox    "c-1-5 (conflicted copy 2024-05-01).vbc", "c-1-5 (Ann's conflicted copy 2024-05-01).vbc", "c-1-5 (1).vbc"
//	Syncthing  "c-1-5.sync-conflict-20240501-101500-ABCDEFG.vbc"
//
// A copy of a copy unwinds too.
func ParseConflict(name string) (string, bool) {
	ext := path.Ext(name)
	base := strings.TrimSuffix(name, ext)
	for range 4 {
		b, ok := stripConflict(base)
		if !ok {
			return "", false
		}
		base = b
		if isOurs(base + ext) {
			return base + ext, true
		}
	}
	return "", false
}

func stripConflict(base string) (string, bool) {
	if i := strings.Index(base, ".sync-conflict-"); i > 0 {
		return base[:i], true
	}
	if strings.HasSuffix(base, ")") {
		i := strings.LastIndex(base, " (")
		if i > 0 {
			in := base[i+2 : len(base)-1]
			if strings.Contains(in, "conflicted copy") || allDigits(in) {
				return base[:i], true
			}
		}
		return "", false
	}
	if i := strings.LastIndexByte(base, ' '); i > 0 && allDigits(base[i+1:]) {
		return base[:i], true
	}
	return "", false
}

func allDigits(s string) bool {
	if s == "" || len(s) > 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
