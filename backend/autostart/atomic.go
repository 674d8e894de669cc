package autostart

import (
	"fmt"
	"os"
	"path/filepath"
)

// tmpPrefix names temp files so a leftover one (after a crash) is
// recognisable; neither session managers nor launchd load it, since it
// lacks the .desktop or .plist ending.
const tmpPrefix = ".vaultbar-tmp-"

// writeAtomic replaces path with b so that a crash leaves either the old
// entry or the new one, never a truncated file: temp file in the same
// folder, fsync, rename, fsync the folder. The folder is created if needed
// (a fresh account has no ~/.config/autostart or ~/Library/LaunchAgents).
func writeAtomic(path string, b []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating the folder: %w", err) // err names it
	}
	f, err := os.CreateTemp(dir, tmpPrefix+"*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	_, err = f.Write(b)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("syncing folder %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("syncing folder %s: %w", dir, err)
	}
	return nil
}
