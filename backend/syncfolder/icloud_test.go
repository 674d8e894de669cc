package syncfolder

import (
	"errors"
	"path/filepath"
	"testing"

	"vaultbar/backend/platform"
)

// fakeICloud is a system with scripted answers.
type fakeICloud struct {
	container    string
	containerErr error
	account      platform.Account
	drive        string
	asked        []string // container ids asked for
}

func (f *fakeICloud) Container(id string) (string, error) {
	f.asked = append(f.asked, id)
	return f.container, f.containerErr
}
func (f *fakeICloud) Account() (platform.Account, error) { return f.account, nil }
func (f *fakeICloud) Drive() (string, error) {
	if f.drive == "" {
		return "", platform.ErrNoICloud
	}
	return f.drive, nil
}

var (
	signedIn  = platform.Account{Known: true, SignedIn: true, DriveOn: true}
	signedOut = platform.Account{Known: true}
	driveOff  = platform.Account{Known: true, SignedIn: true}
)

func TestChooseICloudContainerFirst(t *testing.T) {
	f := &fakeICloud{container: "/c", account: signedIn, drive: "/drive"}
	got, err := ChooseICloud(f)
	want := ICloudPlace{Root: filepath.Join("/c", "Documents"), Container: true, Why: WhyContainer}
	if err != nil || got != want {
		t.Fatalf("got %+v, %v; want %+v", got, err, want)
	}
	if len(f.asked) != 1 || f.asked[0] != "iCloud.app.vaultbar" {
		t.Fatalf("asked for %q", f.asked)
	}
}

// A nil container with iCloud signed in and on is a build without the
// entitlement: the iCloud Drive folder, and the reason.
func TestChooseICloudNilContainerFallsBackToDrive(t *testing.T) {
	got, err := ChooseICloud(&fakeICloud{account: signedIn, drive: "/drive"})
	want := ICloudPlace{Root: filepath.Join("/drive", "Vaultbar"), Why: WhyDrive}
	if err != nil || got != want {
		t.Fatalf("got %+v, %v; want %+v", got, err, want)
	}
}

func TestChooseICloudSignedOut(t *testing.T) {
	got, err := ChooseICloud(&fakeICloud{account: signedOut, drive: "/drive"})
	if !errors.Is(err, platform.ErrICloudSignedOut) || got.Root != "" {
		t.Fatalf("got %+v, %v", got, err)
	}
}

func TestChooseICloudDriveOff(t *testing.T) {
	got, err := ChooseICloud(&fakeICloud{account: driveOff, drive: "/drive"})
	if !errors.Is(err, platform.ErrICloudDriveOff) || got.Root != "" {
		t.Fatalf("got %+v, %v", got, err)
	}
}

// A container answer wins even when the account file says otherwise:
// the system's answer is the authority, the preferences file a hint.
func TestChooseICloudContainerBeatsStaleAccount(t *testing.T) {
	got, err := ChooseICloud(&fakeICloud{container: "/c", account: signedOut})
	if err != nil || !got.Container {
		t.Fatalf("got %+v, %v", got, err)
	}
}

func TestChooseICloudLookupFailedSaysSo(t *testing.T) {
	got, err := ChooseICloud(&fakeICloud{containerErr: errors.New("loading Foundation: no"), account: signedIn, drive: "/d"})
	if err != nil || got.Container || got.Why == WhyDrive || got.Root != filepath.Join("/d", "Vaultbar") {
		t.Fatalf("got %+v, %v", got, err)
	}
}

// Unknown account (Linux, or an unreadable preferences file): the folder
// decides, as before the container existed.
func TestChooseICloudUnknownAccount(t *testing.T) {
	if _, err := ChooseICloud(&fakeICloud{}); !errors.Is(err, platform.ErrNoICloud) {
		t.Fatalf("no drive: got %v", err)
	}
	if got, err := ChooseICloud(&fakeICloud{drive: "/d"}); err != nil || got.Root != filepath.Join("/d", "Vaultbar") {
		t.Fatalf("drive: got %+v, %v", got, err)
	}
}

// The environment's overrides reach Root: the container's Documents
// folder, and the account's state as an error.
func TestRootICloudOverrides(t *testing.T) {
	container, drive := t.TempDir(), t.TempDir()
	t.Setenv(platform.ICloudDirEnv, drive)
	t.Setenv(platform.ICloudContainerEnv, container)
	if root, err := Root(ProviderICloud, ""); err != nil || root != filepath.Join(container, "Documents") {
		t.Fatalf("container: got %q, %v", root, err)
	}
	t.Setenv(platform.ICloudContainerEnv, "")
	if root, err := Root(ProviderICloud, ""); err != nil || root != filepath.Join(drive, "Vaultbar") {
		t.Fatalf("drive: got %q, %v", root, err)
	}
	t.Setenv(platform.ICloudAccountEnv, "drive-off")
	if ok, err := ICloudAvailable(); ok || !errors.Is(err, platform.ErrICloudDriveOff) {
		t.Fatalf("drive off: got %v, %v", ok, err)
	}
	t.Setenv(platform.ICloudAccountEnv, "signed-out")
	if _, err := Root(ProviderICloud, ""); !errors.Is(err, platform.ErrICloudSignedOut) {
		t.Fatalf("signed out: got %v", err)
	}
}
