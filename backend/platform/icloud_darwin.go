package platform

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
)

// systemICloud on macOS: the container from NSFileManager (container_darwin.go),
// the account from the iCloud preferences.
var systemICloud ICloud = macICloud{}

type macICloud struct{}

func (macICloud) Container(id string) (string, error) { return ubiquityContainer(id) }
func (macICloud) Drive() (string, error)              { return ICloudDrive() }

// Account reads ~/Library/Preferences/MobileMeAccounts.plist, where macOS
// keeps the iCloud account and its services. It is a binary plist; plutil
// (part of every macOS) turns it into XML for ParsePlist. No file means no
// account ever signed in; a file that can't be read leaves the state
// unknown, and the choice goes on without it.
func (macICloud) Account() (Account, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return Account{}, nil
	}
	path := filepath.Join(home, "Library", "Preferences", "MobileMeAccounts.plist")
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return Account{Known: true}, nil
	}
	out, err := exec.Command("/usr/bin/plutil", "-convert", "xml1", "-o", "-", path).Output()
	if err != nil {
		return Account{}, nil
	}
	v, err := ParsePlist(out)
	if err != nil {
		return Account{}, nil
	}
	return MobileMeAccount(v), nil
}
