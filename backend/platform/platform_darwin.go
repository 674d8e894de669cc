package platform

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

func icloudDrive() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("finding the home folder: %w", err)
	}
	return filepath.Join(home, "Library", "Mobile Documents", "com~apple~CloudDocs"), nil
}

type native struct{}

// Download runs brctl, which asks the iCloud daemon to fetch the file. It is
// started and not waited for: the daemon downloads in its own time and the
// folder watcher notices the file arriving.
func (native) Download(path string) error {
	cmd := exec.Command("/usr/bin/brctl", "download", path)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("asking iCloud to download %s: %w", filepath.Base(path), err)
	}
	go cmd.Wait() //nolint:errcheck // reaps the process; its outcome shows up as the file arriving or not
	return nil
}

// Dataless checks SF_DATALESS, the flag macOS sets on files whose content
// lives only in the cloud.
func (native) Dataless(path string, fi os.FileInfo) bool {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Flags&unix.SF_DATALESS != 0
	}
	var st unix.Stat_t
	return unix.Lstat(path, &st) == nil && st.Flags&unix.SF_DATALESS != 0
}
