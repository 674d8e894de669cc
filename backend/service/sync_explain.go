package service

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"

	"vaultbar/backend/platform"
	"vaultbar/backend/syncer"
	"vaultbar/backend/syncfolder"
)

// Sync's errors, explained before the others: a sync folder that can't be
// written is not the vault's folder.
func init() { explainers = append([]func(error) (string, string, bool){explainSync}, explainers...) }

func explainSync(err error) (string, string, bool) {
	switch {
	case errors.Is(err, syncer.ErrOldSyncPassword):
		return "the cloud sync password is not the one set on your other devices any more: it is an earlier one, changed since",
			"enter the newest cloud sync password; a device that syncs shows it in Preferences → Cloud Sync, or with `vaultbar sync password reveal`", true
	case errors.Is(err, syncer.ErrKeyFileMissing):
		return "the sync folder holds sync data, but the key file it was written with is missing",
			"sync once on a device that already syncs (it writes the key file again), then try again; if the cloud sync password was changed, use the newest one", true
	case errors.Is(err, syncer.ErrKeyFileDamaged):
		return "the sync key file this cloud sync password opens is damaged",
			"sync once on a device that already syncs (it writes the key file again), then try again", true
	case errors.Is(err, syncer.ErrSamePassword):
		return "the new cloud sync password is the one in use",
			"choose a different one: a change revokes the old password, so it must differ", true
	case errors.Is(err, syncer.ErrChangedMeanwhile):
		return "the sync key files changed while the password was being checked", "try again", true
	case errors.Is(err, syncer.ErrWrongSyncPassword):
		return "the cloud sync password is not the one set on your other devices",
			"type the cloud sync password you set on your first device (it is not the login password unless you made them the same); a device that syncs shows it in Preferences → Cloud Sync, or with `vaultbar sync password reveal`", true
	case errors.Is(err, syncer.ErrNewerFormat):
		return "the sync data was written by a newer version of Vaultbar",
			"update Vaultbar on this device to keep syncing; nothing was written to the sync folder", true
	case errors.Is(err, syncer.ErrNeedsPassword):
		return "the cloud sync password was changed on another device",
			"enter the new cloud sync password in Preferences → Cloud Sync, or with `vaultbar sync password enter`", true
	case errors.Is(err, syncer.ErrNotSetUp):
		return "sync is not set up on this device",
			"set it up in Preferences → Cloud Sync, or with `vaultbar sync setup`", true
	case errors.Is(err, syncer.ErrNoSyncData):
		return "there is no sync data in the sync folder any more",
			"set up sync again with a new cloud sync password", true
	case errors.Is(err, syncfolder.ErrOutsideFolder):
		return "Vaultbar stopped writing to the sync folder: " + err.Error(),
			"Vaultbar writes only inside the sync folder: move the link away (or replace it with a plain folder), then sync again", true
	case errors.Is(err, syncfolder.ErrUnavailable):
		return explainSyncFolder(err)
	case errors.Is(err, syncer.ErrDownloading):
		return "the sync key is still downloading", "try again in a moment", true
	case errors.Is(err, platform.ErrNoICloud):
		return "iCloud Drive is not available on this computer",
			"turn on iCloud Drive in System Settings → Apple Account → iCloud, or sync with a folder instead", true
	case errors.Is(err, platform.ErrICloudSignedOut):
		return "this Mac is not signed in to iCloud",
			"sign in to iCloud in System Settings → Apple Account with the same Apple Account on every device that syncs, then choose Sync with iCloud again", true
	case errors.Is(err, platform.ErrICloudDriveOff):
		return "iCloud Drive is turned off on this Mac",
			"turn on iCloud Drive in System Settings → Apple Account → iCloud on every device that syncs, then choose Sync with iCloud again", true
	case errors.Is(err, syncfolder.ErrNoFolder):
		return "the folder to sync with does not exist: " + trimSentinel(err, syncfolder.ErrNoFolder),
			"choose a folder that exists, one that iCloud Drive, Dropbox, Syncthing or a network share keeps in step", true
	case errors.Is(err, ErrSyncPasswordUnknown):
		return ErrSyncPasswordUnknown.Error(),
			"enter it again in Preferences → Cloud Sync, or with `vaultbar sync password enter`", true
	}
	return "", "", false
}

// explainSyncFolder names the file or folder of the sync folder that can't
// be used: a bare "permission denied" would be taken for the vault's folder.
func explainSyncFolder(err error) (string, string, bool) {
	var fe *syncfolder.FolderError
	if errors.Is(err, syscall.ENOTDIR) && errors.As(err, &fe) {
		return fmt.Sprintf("%s is a file where Vaultbar keeps a folder, in the sync folder", fe.Path),
			"move it out of the sync folder (Vaultbar never deletes it), then sync again: a device that syncs writes what belongs there again", true
	}
	if errors.Is(err, fs.ErrPermission) && errors.As(err, &fe) {
		return fmt.Sprintf("permission denied: this user may not read or write %s, in the sync folder", fe.Path),
			"give your user read and write access to it and to what it holds (for example `chmod -R u+rwX` on it), then sync again", true
	}
	return "the sync folder can't be read or written: " + err.Error(),
		"check that the sync folder is there, that its disk or network share is connected and that your user may write it, then sync again", true
}
