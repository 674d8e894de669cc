package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"vaultbar/backend/model"
)

// ReadBackup opens backup name of the vault in dir with password and
// returns its entities. It only reads: it takes no lock and writes
// nothing, so it works while the vault itself is open (a backup is made
// by a hard link and never rewritten in place, so it is read whole or not
// at all). A name that is not a backup's, or no file, is model.ErrNotFound.
func ReadBackup(dir, name string, password []byte) ([]*model.Entity, error) {
	b, err := readBackupFile(dir, name)
	if err != nil {
		return nil, err
	}
	keys := newKeyCache(password)
	defer keys.wipe()
	_, dk, p, err := unseal(b, keys)
	if err != nil {
		return nil, fmt.Errorf("backup %s: %w", name, err)
	}
	dk.Wipe()
	return p.Entities, nil
}

// readBackupFile reads backups/name, refusing anything but a regular file
// whose name a backup could have (so no path leaves backups/).
func readBackupFile(dir, name string) ([]byte, error) {
	if !backupRE.MatchString(name) {
		return nil, fmt.Errorf("no backup named %s: %w", name, model.ErrNotFound)
	}
	path := filepath.Join(dir, backupDir, name)
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no backup named %s: %w", name, model.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("reading backup %s: %w", name, err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s/%s is a %s, not a backup file", backupDir, name, kindOf(info.Mode()))
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading backup %s: %w", name, err)
	}
	return b, nil
}

func kindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "folder"
	case m&fs.ModeSymlink != 0:
		return "symbolic link"
	}
	return "special file"
}
