package platform

import (
	"errors"
	"path/filepath"
	"runtime"
	"testing"
)

func TestICloudOverride(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(ICloudDirEnv, dir)
	root, err := ICloudRoot()
	if err != nil || root != filepath.Join(dir, "Vaultbar") {
		t.Fatalf("got %q, %v", root, err)
	}
	t.Setenv(ICloudDirEnv, filepath.Join(dir, "missing"))
	if _, err := ICloudRoot(); !errors.Is(err, ErrNoICloud) {
		t.Fatalf("missing folder: got %v", err)
	}
}

func TestNoICloudOffMac(t *testing.T) {
	if runtime.GOOS == "darwin" {
		t.Skip("macOS has a default")
	}
	t.Setenv(ICloudDirEnv, "")
	if _, err := ICloudDrive(); !errors.Is(err, ErrNoICloud) {
		t.Fatalf("got %v", err)
	}
}

func TestICloudEnvOverrides(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(ICloudDirEnv, dir)
	ic := SystemICloud()
	if acct, err := ic.Account(); err != nil || acct != (Account{Known: true, SignedIn: true, DriveOn: true}) {
		t.Fatalf("folder override: got %+v, %v", acct, err)
	}
	t.Setenv(ICloudContainerEnv, filepath.Join(dir, "missing"))
	if c, err := ic.Container(ContainerID); c != "" || err != nil {
		t.Fatalf("missing container folder: got %q, %v", c, err)
	}
	t.Setenv(ICloudContainerEnv, dir)
	if c, err := ic.Container(ContainerID); c != dir || err != nil {
		t.Fatalf("container: got %q, %v", c, err)
	}
	t.Setenv(ICloudAccountEnv, "signed-out")
	if acct, _ := ic.Account(); acct != (Account{Known: true}) {
		t.Fatalf("signed out: got %+v", acct)
	}
	t.Setenv(ICloudAccountEnv, "drive-off")
	if acct, _ := ic.Account(); acct != (Account{Known: true, SignedIn: true}) {
		t.Fatalf("drive off: got %+v", acct)
	}
}
