package syncfolder

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Provider is where sync data goes.
type Provider string

const (
	ProviderNone   Provider = "none"   // no sync
	ProviderICloud Provider = "icloud" // Sync with iCloud
	ProviderFolder Provider = "folder" // Sync with a folder another service syncs
)

// ErrNoFolder means Sync with a folder was chosen without a usable folder.
var ErrNoFolder = errors.New("choose a folder that exists to sync with")

// DirName is the folder Vaultbar keeps its sync data in, inside iCloud Drive
// or inside the folder the user chose.
const DirName = "Vaultbar"

// Root returns the sync folder for provider p. folder is the user's choice
// for ProviderFolder and ignored otherwise. For iCloud, ChooseICloud decides,
// and its error says why iCloud is not offered.
func Root(p Provider, folder string) (string, error) {
	switch p {
	case ProviderICloud:
		place, err := ICloud()
		return place.Root, err
	case ProviderFolder:
		fi, err := os.Stat(folder)
		if folder == "" || err != nil || !fi.IsDir() {
			return "", fmt.Errorf("%q: %w", folder, ErrNoFolder)
		}
		return filepath.Join(folder, DirName), nil
	}
	return "", fmt.Errorf("provider %q has no sync folder", p)
}

// ICloudAvailable reports whether Sync with iCloud can be offered, and if
// not, why (ChooseICloud).
func ICloudAvailable() (bool, error) {
	_, err := ICloud()
	return err == nil, err
}
