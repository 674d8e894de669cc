//go:build vaultbar_testkdf

package service

import (
	"io/fs"
	"os"
)

// The CLI's tests run as root, whom chmod 000 does not stop, so a test
// binary (built with -tags vaultbar_testkdf) run with
// VAULTBAR_TEST_UNREADABLE_SETTINGS=1 is refused a settings.json without
// read permission as any other user would be. Release builds lack the tag.
func init() {
	if os.Getenv("VAULTBAR_TEST_UNREADABLE_SETTINGS") == "1" {
		readSettingsFile = readLikeAUser
	}
}

func readLikeAUser(path string) ([]byte, error) {
	if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() && info.Mode().Perm()&0o400 == 0 {
		return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrPermission}
	}
	return os.ReadFile(path)
}
