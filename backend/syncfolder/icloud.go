package syncfolder

import (
	"path/filepath"

	"vaultbar/backend/platform"
)

// ICloudPlace is where Sync with iCloud keeps its sync folder, and why
// there: Preferences → Cloud Sync shows Why.
type ICloudPlace struct {
	Root      string // the sync folder
	Container bool   // true: Vaultbar's own ubiquity container; false: the iCloud Drive folder
	Why       string // one sentence for a person
}

// The sentences ICloudPlace.Why holds.
const (
	WhyContainer = "Syncs in Vaultbar's own iCloud container, which iCloud Drive shows as Vaultbar."
	WhyDrive     = "Syncs in the Vaultbar folder of iCloud Drive: this copy of Vaultbar is not signed with the iCloud entitlement, so macOS gives it no iCloud container of its own."
)

// ChooseICloud decides where Sync with iCloud writes. The app's ubiquity
// container comes first (its Documents folder, which iCloud Drive shows as
// "Vaultbar"); only when the system answers nil for it does the account
// matter: signed out and iCloud Drive off are errors that say so
// (ErrICloudSignedOut, ErrICloudDriveOff), and a build without the
// entitlement falls back to the iCloud Drive folder. When the account
// can't be read, the folder's existence decides, as before.
func ChooseICloud(ic platform.ICloud) (ICloudPlace, error) {
	dir, lookupErr := ic.Container(platform.ContainerID)
	if lookupErr == nil && dir != "" {
		return ICloudPlace{Root: filepath.Join(dir, "Documents"), Container: true, Why: WhyContainer}, nil
	}
	acct, err := ic.Account()
	if err != nil {
		return ICloudPlace{}, err
	}
	if acct.Known && !acct.SignedIn {
		return ICloudPlace{}, platform.ErrICloudSignedOut
	}
	if acct.Known && !acct.DriveOn {
		return ICloudPlace{}, platform.ErrICloudDriveOff
	}
	drive, err := ic.Drive()
	if err != nil {
		return ICloudPlace{}, err
	}
	why := WhyDrive
	if lookupErr != nil {
		why = "Syncs in the Vaultbar folder of iCloud Drive: macOS could not be asked for Vaultbar's iCloud container (" + lookupErr.Error() + ")."
	}
	return ICloudPlace{Root: filepath.Join(drive, DirName), Why: why}, nil
}

// ICloud is ChooseICloud asking this computer.
func ICloud() (ICloudPlace, error) { return ChooseICloud(platform.SystemICloud()) }
