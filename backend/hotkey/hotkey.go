package hotkey

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
)

var (
	// ErrUnavailable means this session can't have a global shortcut.
	ErrUnavailable = errors.New("no global shortcut is available in this session")
	// ErrConflict means another application already uses the shortcut.
	ErrConflict = errors.New("another application already uses this shortcut")
	// ErrInvalid means the text does not name a shortcut.
	ErrInvalid = errors.New("not a shortcut")
)

// Mod is a set of modifier keys.
type Mod uint8

const (
	Ctrl Mod = 1 << iota
	Shift
	Alt // Option on macOS
	Cmd // Command on macOS, Super on Linux
)

// Shortcut is modifiers plus one key: a letter, a digit or Space.
type Shortcut struct {
	Mods Mod
	Key  string // "A".."Z", "0".."9", "Space"
}

// Default is Ctrl+Shift+Space, and ⌘⇧Space on macOS, as 1Password's Quick
// Access.
func Default() Shortcut {
	if runtime.GOOS == "darwin" {
		return Shortcut{Mods: Cmd | Shift, Key: "Space"}
	}
	return Shortcut{Mods: Ctrl | Shift, Key: "Space"}
}

var modNames = []struct {
	m     Mod
	names []string
}{
	{Ctrl, []string{"ctrl", "control", "⌃"}},
	{Shift, []string{"shift", "⇧"}},
	{Alt, []string{"alt", "option", "opt", "⌥"}},
	{Cmd, []string{"cmd", "command", "super", "meta", "⌘"}},
}

// Parse reads "Ctrl+Shift+Space" (case and spaces ignored). A shortcut
// needs at least one of Ctrl, Alt, Cmd: Shift alone would take a letter
// from every application.
func Parse(s string) (Shortcut, error) {
	parts := strings.Split(strings.ReplaceAll(s, " ", ""), "+")
	var sc Shortcut
	for i, p := range parts {
		if i == len(parts)-1 {
			key, ok := keyName(p)
			if !ok {
				return Shortcut{}, fmt.Errorf("%q: the last part must be a letter, a digit or Space: %w", s, ErrInvalid)
			}
			sc.Key = key
			break
		}
		m, ok := modOf(p)
		if !ok || sc.Mods&m != 0 {
			return Shortcut{}, fmt.Errorf("%q: %q is not a modifier (Ctrl, Shift, Alt, Cmd) or comes twice: %w", s, p, ErrInvalid)
		}
		sc.Mods |= m
	}
	if sc.Mods&(Ctrl|Alt|Cmd) == 0 {
		return Shortcut{}, fmt.Errorf("%q: a global shortcut needs Ctrl, Alt or Cmd: %w", s, ErrInvalid)
	}
	return sc, nil
}

func modOf(p string) (Mod, bool) {
	p = strings.ToLower(p)
	for _, n := range modNames {
		for _, name := range n.names {
			if p == name {
				return n.m, true
			}
		}
	}
	return 0, false
}

func keyName(p string) (string, bool) {
	if strings.EqualFold(p, "space") {
		return "Space", true
	}
	if len(p) == 1 {
		c := strings.ToUpper(p)[0]
		if c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			return string(c), true
		}
	}
	return "", false
}

// String is the shortcut as Parse reads it: "Ctrl+Shift+Space".
func (s Shortcut) String() string {
	var b strings.Builder
	for _, n := range []struct {
		m    Mod
		name string
	}{{Ctrl, "Ctrl"}, {Alt, "Alt"}, {Shift, "Shift"}, {Cmd, "Cmd"}} {
		if s.Mods&n.m != 0 {
			b.WriteString(n.name + "+")
		}
	}
	return b.String() + s.Key
}

// Binding is a registered shortcut.
type Binding interface {
	// Pressed receives once per press.
	Pressed() <-chan struct{}
	// Close gives the shortcut back to the system.
	Close() error
}
