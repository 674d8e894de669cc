package autostart

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"unicode"
	"unicode/utf8"
)

// Autostart is the login-item mechanism of one operating system.
type Autostart interface {
	// Enable makes exe start at login. It replaces any entry Vaultbar
	// wrote before, so calling it again (or after the app moved) is safe.
	Enable(exe string) error
	// Disable removes the entry. It is a no-op when there is none.
	Disable() error
	// Enabled reports whether the entry exists, is switched on and starts
	// exe (an entry for another copy of the app does not count).
	Enabled(exe string) (bool, error)
}

// ErrBadExecutable means the executable's path cannot be written into a
// login entry (it is relative, not UTF-8, or has control characters).
var ErrBadExecutable = errors.New("the app's path can't be used for Open at login")

// Update brings a's entry in line with the Open at login setting going from
// was to want. It turns the entry off only when the user turned the setting
// off, so a second copy of the app (another VAULTBAR_HOME) saving its own
// preferences does not remove the first one's entry. While the setting is
// on it rewrites an entry that is missing or starts another executable, so
// saving the preferences repairs the entry after the app was moved.
func Update(a Autostart, was, want bool) error {
	if !want {
		if !was {
			return nil
		}
		if err := a.Disable(); err != nil {
			return fmt.Errorf("turning off Open at login: %w", err)
		}
		return nil
	}
	exe, err := Executable()
	if err != nil {
		return fmt.Errorf("turning on Open at login: %w", err)
	}
	if on, err := a.Enabled(exe); err == nil && on {
		return nil
	}
	if err := a.Enable(exe); err != nil {
		return fmt.Errorf("turning on Open at login: %w", err)
	}
	return nil
}

// Executable is the path a login entry should start: the running
// executable with symlinks resolved, so the entry survives a symlink being
// repointed. Inside an AppImage the running file is a temporary mount that
// is gone after logout, so the AppImage file itself ($APPIMAGE) is used.
func Executable() (string, error) {
	if p := os.Getenv("APPIMAGE"); filepath.IsAbs(p) {
		return p, nil
	}
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("finding the running app: %w", err)
	}
	if exe, err = filepath.EvalSymlinks(exe); err != nil {
		return "", fmt.Errorf("finding the running app: %w", err)
	}
	return exe, nil
}

// checkExe rejects paths neither format can hold faithfully: desktop files
// must be UTF-8, XML cannot carry most control characters nor U+FFFE and
// U+FFFF, and a relative
// path would be resolved against whatever folder the session starts in.
func checkExe(exe string) error {
	switch {
	case !filepath.IsAbs(exe):
		return fmt.Errorf("%w: %q is not an absolute path", ErrBadExecutable, exe)
	case !utf8.ValidString(exe):
		return fmt.Errorf("%w: %q is not valid UTF-8; move the app to a folder with a plain name", ErrBadExecutable, exe)
	}
	for _, r := range exe {
		if unicode.IsControl(r) || r == 0xFFFE || r == 0xFFFF {
			return fmt.Errorf("%w: %q has a control character; move the app to a folder with a plain name", ErrBadExecutable, exe)
		}
	}
	return nil
}

// remove deletes path; a missing file is already the wanted state.
func remove(path string) error {
	err := os.Remove(path)
	if err == nil || errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return fmt.Errorf("removing %s: %w", path, err)
}

// readEntry reads path; a missing file is reported as nil content and no
// error, since "no entry" is an ordinary answer for Enabled.
func readEntry(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return b, nil
}
