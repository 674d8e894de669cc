package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
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
		return nil, fmt.Errorf("listing backups: %w", err)
	}
	var out []Backup
	for _, e := range ents {
		m := backupRE.FindStringSubmatch(e.Name())
		info, err := e.Info()
		if m == nil || err != nil || !info.Mode().IsRegular() {
			continue
		}
		t, err := time.Parse(stampLayout, m[1])
		if err != nil {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		out = append(out, Backup{Name: e.Name(), Time: t, Size: info.Size(), n: max(n, 1)})
	}
	slices.SortFunc(out, func(a, b Backup) int {
		if c := b.Time.Compare(a.Time); c != 0 {
			return c
		}
		return b.n - a.n
	})
	return out, nil
}

// newBackupName names a backup made now: later than every backup of the
// same second, even one rotation deleted, so names sort in time order.
func newBackupName(dir string) string {
	t := now().UTC().Truncate(time.Second)
	n := 0
	list, _ := Backups(filepath.Dir(dir))
	for _, b := range list {
		if b.Time.Equal(t) {
			n = max(n, b.n)
		}
	}
	base := "vault-" + t.Format(stampLayout)
	for ; ; n++ {
		name := base + ".vbv"
		if n > 0 {
			name = fmt.Sprintf("%s-%d.vbv", base, n+1)
		}
		if _, err := os.Lstat(filepath.Join(dir, name)); errors.Is(err, fs.ErrNotExist) {
			return name
		}
	}
}

// rotateBackups deletes the backups thinBackups does not keep. Failing to
// delete an old backup is not worth failing a save for.
func rotateBackups(dir string) {
	list, _ := Backups(dir)
	_, drop := thinBackups(list)
	for _, b := range drop {
		remove(filepath.Join(dir, backupDir, b.Name))
	}
	if len(drop) > 0 {
		syncDir(filepath.Join(dir, backupDir))
	}
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
	if err := rename(s.path(journalName), s.path(journalName+suffix)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fsErr("setting the current journal aside", err)
	}
	if err := link(s.path(snapshotName), s.path(snapshotName+suffix)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fsErr("setting the current vault aside", err)
	}
	if err := s.writeSnapshot(s.hdr, p, nil); err != nil {
		return fsErr("restoring the backup", err)
	}
	return nil
}
