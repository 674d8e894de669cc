package platform

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ICloudDirEnv overrides the iCloud Drive folder (the folder that holds
// com~apple~CloudDocs's files). Tests and unusual setups use it.
const ICloudDirEnv = "VAULTBAR_ICLOUD_DIR"

// ErrNoICloud means this computer has no iCloud Drive folder.
var ErrNoICloud = errors.New("iCloud Drive is not available on this computer: no iCloud Drive folder was found; choose Sync with a folder instead")

// Files is what the sync folder code needs from the system about files a
// sync service manages.
type Files interface {
	// Download asks the sync service to bring a file's content to this
	// device. It returns without waiting; the file appears later.
	Download(path string) error
	// Dataless reports whether the file's name is on disk but its content
	// is not (a macOS "dataless" file). Reading one would block or fail.
	Dataless(path string, fi os.FileInfo) bool
}

// Default is this system's Files.
func Default() Files { return native{} }

// ICloudDrive returns the iCloud Drive folder: $VAULTBAR_ICLOUD_DIR if set,
// else the system's, or ErrNoICloud when there is none.
func ICloudDrive() (string, error) {
	dir := os.Getenv(ICloudDirEnv)
	if dir == "" {
		var err error
		if dir, err = icloudDrive(); err != nil {
			return "", err
		}
	}
	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() {
		return "", fmt.Errorf("%s: %w", dir, ErrNoICloud)
	}
	return dir, nil
}

// ICloudRoot is Vaultbar's sync folder inside iCloud Drive.
func ICloudRoot() (string, error) {
	dir, err := ICloudDrive()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "Vaultbar"), nil
}
