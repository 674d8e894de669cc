package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"vaultbar/backend/format"
)

// keepBackups is how many backups rotation keeps. The newest keepRecent
// are kept whatever their age; older ones only when at least backupSpacing
// apart, so a burst of saves (a script running the CLI ten times) cannot
// push yesterday's backups out.
const (
	keepBackups   = 10
	keepRecent    = 3
	backupSpacing = time.Hour
)

// now is the clock backups are named by; tests move it.
var now = time.Now

const stampLayout = "20060102-150405"

var backupRE = regexp.MustCompile(`^vault-(\d{8}-\d{6})(?:-(\d+))?\.vbv$`)

// Backup is one earlier snapshot in backups/.
type Backup struct {
	Name string    // e.g. vault-20261124-101500.vbv
	Time time.Time // when it stopped being the current snapshot, UTC
	Size int64
	n    int // order within one second
}

// Backups lists a vault's backups, newest first.
func Backups(dir string) ([]Backup, error) {
	ents, err := os.ReadDir(filepath.Join(dir, backupDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fileErr("listing backups", filepath.Join(dir, backupDir), err)
	}
	var out []Backup
	for _, e := range ents {
		if b, ok := parseBackupName(e, backupRE); ok {
			out = append(out, b)
		}
	}
	slices.SortFunc(out, func(a, b Backup) int {
		if c := b.Time.Compare(a.Time); c != 0 {
			return c
		}
		return b.n - a.n
	})
	return out, nil
}

// parseBackupName reads a backup's time from its name, for regular files
// whose name re matches.
func parseBackupName(e fs.DirEntry, re *regexp.Regexp) (Backup, bool) {
	m := re.FindStringSubmatch(e.Name())
	if m == nil {
		return Backup{}, false
	}
	info, err := e.Info()
	if err != nil || !info.Mode().IsRegular() {
		return Backup{}, false
	}
	t, err := time.Parse(stampLayout, m[1])
	if err != nil {
		return Backup{}, false
	}
	n, _ := strconv.Atoi(m[2])
	return Backup{Name: e.Name(), Time: t, Size: info.Size(), n: max(n, 1)}, true
}

// newBackupName names a backup made now: later than every backup of the
// same second, even one rotation deleted, so names sort in time order. A
// folder it can't look into is an error, never a loop.
func newBackupName(dir string) (string, error) {
	t := now().UTC().Truncate(time.Second)
	n := 0
	list, err := Backups(filepath.Dir(dir))
	if err != nil {
		return "", err
	}
	for _, b := range list {
		if b.Time.Equal(t) {
			n = max(n, b.n)
		}
	}
	base := "vault-" + t.Format(stampLayout)
	for ; ; n++ {
		name := base
		if n > 0 {
			name = fmt.Sprintf("%s-%d", base, n+1)
		}
		free, err := freeName(dir, name+".vbv", name+".vbj", name+".vbc")
		if err != nil || free {
			return name + ".vbv", err
		}
	}
}

// freeName reports whether none of names exists in dir.
func freeName(dir string, names ...string) (bool, error) {
	for _, name := range names {
		_, err := os.Lstat(filepath.Join(dir, name))
		if err == nil {
			return false, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return false, fileErr("naming a backup", dir, err)
		}
	}
	return true, nil
}

// rotateBackups deletes the backups of vault id that thinBackups does not
// keep, each with its journal, and journals older than every backup kept.
// Backups of another vault, or whose header does not read, are never
// deleted: they may be the last copies of a vault this one replaced.
// Failing to delete an old backup is not worth failing a save for.
func rotateBackups(dir string, id [16]byte) {
	list, _ := Backups(dir)
	bdir := filepath.Join(dir, backupDir)
	var own []Backup
	for _, b := range list {
		if h, err := readVaultHeader(filepath.Join(bdir, b.Name)); err == nil && h.VaultID == id {
			own = append(own, b)
		}
	}
	keep, drop := thinBackups(own)
	for _, b := range drop {
		remove(filepath.Join(bdir, b.Name))
	}
	n := len(drop) + dropJournals(bdir, id, keep)
	if n > 0 {
		syncDir(bdir)
	}
}

// dropJournals deletes vault id's retired journals older than the oldest
// backup kept: they extended backups that are gone.
func dropJournals(bdir string, id [16]byte, keep []Backup) int {
	if len(keep) == 0 {
		return 0
	}
	oldest := keep[len(keep)-1]
	n := 0
	for _, j := range retiredJournals(bdir) {
		if !j.older(oldest) {
			continue
		}
		if h, err := readJournalHeader(filepath.Join(bdir, j.Name)); err == nil && h.VaultID == id {
			if remove(filepath.Join(bdir, j.Name)) == nil {
				remove(filepath.Join(bdir, strings.TrimSuffix(j.Name, ".vbj")+".vbc"))
				n++
			}
		}
	}
	return n
}

func (b Backup) older(than Backup) bool {
	if c := b.Time.Compare(than.Time); c != 0 {
		return c < 0
	}
	return b.n < than.n
}

var journalRE = regexp.MustCompile(`^vault-(\d{8}-\d{6})(?:-(\d+))?\.vbj$`)

// retiredJournals lists the journals in backups/ (see retireJournal).
func retiredJournals(bdir string) []Backup {
	ents, _ := os.ReadDir(bdir)
	var out []Backup
	for _, e := range ents {
		if b, ok := parseBackupName(e, journalRE); ok {
			out = append(out, b)
		}
	}
	return out
}

// readVaultHeader reads only the header of a vault file.
func readVaultHeader(path string) (format.Header, error) {
	b, err := readHead(path, format.MaxVaultHeader)
	if err != nil {
		return format.Header{}, err
	}
	return format.ParseVaultHeader(b)
}

func readJournalHeader(path string) (format.JournalHeader, error) {
	b, err := readHead(path, len(format.AppendJournalHeader(nil, format.JournalHeader{})))
	if err != nil {
		return format.JournalHeader{}, err
	}
	j, err := format.ScanJournal(b)
	return j.Header, err
}

func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, n)
	k, err := io.ReadFull(f, b)
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		err = nil
	}
	return b[:k], err
}

// thinBackups splits list (newest first) into the backups to keep and those
// to drop: the newest keepRecent, then older ones at least backupSpacing
// older than the last one kept, keepBackups in all.
func thinBackups(list []Backup) (keep, drop []Backup) {
	for i, b := range list {
		spaced := len(keep) == 0 || keep[len(keep)-1].Time.Sub(b.Time) >= backupSpacing
		if len(keep) < keepBackups && (i < keepRecent || spaced) {
			keep = append(keep, b)
		} else {
			drop = append(drop, b)
		}
	}
	return keep, drop
}

// RestoreBackup makes backup name the vault in dir, after checking that it
// opens with password. The current vault and journal are kept beside it as
// vault.vbv.damaged-<time> and vault.vbj.damaged-<time>; nothing is deleted.
// The vault must not be open.
func RestoreBackup(dir, name string, password []byte) error {
	if !backupRE.MatchString(name) {
		return fmt.Errorf("%q is not the name of a backup (they look like vault-20261124-101500.vbv)", name)
	}
	lk, err := lockDir(dir)
	if err != nil {
		return err
	}
	defer unlockDir(lk)
	b, err := os.ReadFile(filepath.Join(dir, backupDir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("there is no backup named %s", name)
	} else if err != nil {
		return fmt.Errorf("reading backup %s: %w", name, err)
	}
	keys := newKeyCache(password)
	defer keys.wipe()
	h, dk, p, err := unseal(b, keys)
	if err != nil {
		return fmt.Errorf("backup %s: %w", name, err)
	}
	s := &Store{dir: dir, dk: dk, hdr: h}
	defer dk.Wipe()
	return s.restore(p)
}

// restore sets the current files aside and writes p as the snapshot. The new
// generation is above the damaged vault's, so no journal of it can ever be
// replayed onto the restored one.
func (s *Store) restore(p format.Payload) error {
	if cur, err := os.ReadFile(s.path(snapshotName)); err == nil {
		if h, _, err := format.ParseVault(cur); err == nil {
			s.hdr.Generation = max(s.hdr.Generation, h.Generation)
		}
	}
	s.hdr.Generation++
	suffix := ".damaged-" + time.Now().UTC().Format(stampLayout)
	for _, name := range []string{journalName, commitName} {
		to, err := asideName(s.path(name), suffix)
		if err == nil {
			err = rename(s.path(name), to)
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fsErr("setting the current journal aside", err)
		}
	}
	to, err := asideName(s.path(snapshotName), suffix)
	if err == nil {
		err = link(s.path(snapshotName), to)
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fsErr("setting the current vault aside", err)
	}
	if err := s.writeSnapshot(s.hdr, p, nil); err != nil {
		return fsErr("restoring the backup", err)
	}
	return nil
}
