package platform

import (
	"errors"
	"os"
)

// ContainerID is Vaultbar's iCloud container: the one the entitlements in
// build/darwin/vaultbar.entitlements name, and that Info.plist's
// NSUbiquitousContainers shows in iCloud Drive as "Vaultbar".
const ContainerID = "iCloud.app.vaultbar"

// Overrides of what the system says about iCloud, for tests and unusual
// setups (ICloudDirEnv overrides the iCloud Drive folder).
const (
	// ICloudContainerEnv is the ubiquity container's folder.
	ICloudContainerEnv = "VAULTBAR_ICLOUD_CONTAINER"
	// ICloudAccountEnv is the account's state: "signed-out" or "drive-off";
	// with a folder override and no state, iCloud is signed in and on.
	ICloudAccountEnv = "VAULTBAR_ICLOUD_ACCOUNT"
)

// The reference's two prerequisites of iCloud sync, each its own error so
// the choice can say which one is missing before anything fails later.
var (
	ErrICloudSignedOut = errors.New("this computer is not signed in to iCloud")
	ErrICloudDriveOff  = errors.New("iCloud Drive is turned off on this computer")
)

// Account is what the system says about its iCloud account.
type Account struct {
	Known    bool // the system answered; when false the rest means nothing
	SignedIn bool // an Apple Account is signed in to iCloud
	DriveOn  bool // iCloud Drive is on for it
}

// ICloud is what choosing the folder of Sync with iCloud asks the system.
type ICloud interface {
	// Container returns the folder of the ubiquity container id, or ""
	// when the system answers nil: a build without the iCloud entitlement,
	// iCloud signed out, or iCloud Drive off. Apple's lookup can block (the
	// first one sets the container up), so it never runs on the main
	// thread: the macOS implementation asks from a thread of its own.
	Container(id string) (string, error)
	// Account says whether iCloud is signed in and iCloud Drive on.
	Account() (Account, error)
	// Drive is the iCloud Drive folder, as ICloudDrive.
	Drive() (string, error)
}

// SystemICloud is this computer's iCloud, with the environment's overrides.
func SystemICloud() ICloud { return overridden{systemICloud} }

var _ ICloud = overridden{}

// overridden answers from the environment where it says something, and
// from the system otherwise.
type overridden struct{ sys ICloud }

func (o overridden) Container(id string) (string, error) {
	if dir := os.Getenv(ICloudContainerEnv); dir != "" {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return "", nil
		}
		return dir, nil
	}
	return o.sys.Container(id)
}

func (o overridden) Account() (Account, error) {
	switch os.Getenv(ICloudAccountEnv) {
	case "signed-out":
		return Account{Known: true}, nil
	case "drive-off":
		return Account{Known: true, SignedIn: true}, nil
	}
	if os.Getenv(ICloudDirEnv) != "" || os.Getenv(ICloudContainerEnv) != "" {
		return Account{Known: true, SignedIn: true, DriveOn: true}, nil
	}
	return o.sys.Account()
}

func (o overridden) Drive() (string, error) { return ICloudDrive() }
