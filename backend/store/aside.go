package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Presence is what of a vault a folder holds, read without a password.
type Presence struct {
	Snapshot bool // vault.vbv is there (it may still be damaged)
	Damaged  bool // vault.vbv is there, but even its header does not read
	Rest     bool // a journal, a commit file or backups are there
}

// Any reports whether anything of a vault is there: then the folder is no
// place for a new one.
func (p Presence) Any() bool { return p.Snapshot || p.Rest }

// Present looks at what of a vault dir holds. A backups folder that can't
// be listed counts as holding backups: not knowing is no reason to bury
// them.
func Present(dir string) Presence {
	var p Presence
	_, err := os.Lstat(filepath.Join(dir, snapshotName))
	p.Snapshot = err == nil
	if p.Snapshot {
		_, err := readVaultHeader(filepath.Join(dir, snapshotName))
		p.Damaged = err != nil && !errors.Is(err, fs.ErrPermission)
	}
	for _, name := range []string{journalName, commitName} {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			p.Rest = true
		}
	}
	list, err := Backups(dir)
	if len(list) > 0 || len(retiredJournals(filepath.Join(dir, backupDir))) > 0 || err != nil {
		p.Rest = true
	}
	return p
}

// SetAside moves every file of the vault in dir (the snapshot, journal,
// commit file, backups, and files set aside earlier) into a new folder
// dir/old-<UTC time>, so a new vault can start there without burying the
// old one. Nothing is deleted. It returns the new folder's path.
func SetAside(dir string) (string, error) {
	lk, err := lockDir(dir)
	if err != nil {
		return "", err
	}
	defer unlockDir(lk)
	to, err := asideName(filepath.Join(dir, "old-"+now().UTC().Format(stampLayout)), "")
	if err == nil {
		err = os.Mkdir(to, 0o700)
	}
	if err != nil {
		return "", fsErr("making a folder for the old vault", err)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return "", fileErr("listing the vault folder", dir, err)
	}
	for _, e := range ents {
		if !vaultFile(e.Name()) {
			continue
		}
		if err := rename(filepath.Join(dir, e.Name()), filepath.Join(to, e.Name())); err != nil {
			return to, fsErr("moving the old vault aside", err)
		}
	}
	if err := errors.Join(syncDir(to), syncDir(dir)); err != nil {
		return to, fsErr("moving the old vault aside", err)
	}
	return to, nil
}

// vaultFile reports whether name, in a vault folder, belongs to the vault
// (as opposed to the lock file and folders of older vaults set aside).
func vaultFile(name string) bool {
	return name == backupDir || strings.HasPrefix(name, "vault.vb")
}
