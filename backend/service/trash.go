package service

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// MoveToTrash moves a file the user imported into the desktop's trash, so
// the plaintext export leaves its folder but can still be got back: on
// Linux the freedesktop.org trash ($XDG_DATA_HOME/Trash: files/ and an
// info/*.trashinfo saying where it came from), on macOS ~/.Trash. It
// never unlinks: when the trash is on another disk (rename fails), the
// file stays where it is and the error says so.
func MoveToTrash(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if st, err := os.Lstat(abs); err != nil || !st.Mode().IsRegular() {
		return "", fmt.Errorf("%s is not a file to move to the trash", abs)
	}
	if runtime.GOOS == "darwin" {
		return trashMac(abs)
	}
	return trashFreedesktop(abs, time.Now())
}

func trashMac(abs string) (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	dst := freeName(filepath.Join(home, ".Trash"), filepath.Base(abs), func(string) bool { return false })
	if err := os.Rename(abs, dst); err != nil {
		return "", fmt.Errorf("move %s to the trash: %w", abs, err)
	}
	return dst, nil
}

func trashDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "Trash"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "Trash"), nil
}

func trashFreedesktop(abs string, now time.Time) (string, error) {
	dir, err := trashDir()
	if err != nil {
		return "", err
	}
	files, info := filepath.Join(dir, "files"), filepath.Join(dir, "info")
	if err := os.MkdirAll(files, 0o700); err != nil {
		return "", err
	}
	if err := os.MkdirAll(info, 0o700); err != nil {
		return "", err
	}
	var infoPath string
	dst := freeName(files, filepath.Base(abs), func(name string) bool {
		// The info file is created first and exclusively: it reserves the name.
		infoPath = filepath.Join(info, name+".trashinfo")
		f, err := os.OpenFile(infoPath, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return false
		}
		defer f.Close()
		fmt.Fprintf(f, "[Trash Info]\nPath=%s\nDeletionDate=%s\n", (&url.URL{Path: abs}).EscapedPath(), now.Format("2006-01-02T15:04:05"))
		return true
	})
	if err := os.Rename(abs, dst); err != nil {
		os.Remove(infoPath) // ours, written just now
		return "", fmt.Errorf("move %s to the trash (it stays where it is; delete it yourself): %w", abs, err)
	}
	return dst, nil
}

// freeName finds a name in dir not yet taken: base, then "base.2", ...;
// reserve, when it returns true, has claimed the name some other way.
func freeName(dir, base string, reserve func(string) bool) string {
	for n := 1; ; n++ {
		name := base
		if n > 1 {
			ext := filepath.Ext(base)
			name = strings.TrimSuffix(base, ext) + "." + strconv.Itoa(n) + ext
		}
		p := filepath.Join(dir, name)
		if _, err := os.Lstat(p); err == nil {
			continue
		}
		if reserve(name) || runtime.GOOS == "darwin" {
			return p
		}
	}
}
