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
