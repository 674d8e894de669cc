package autostart

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// DesktopFile is the autostart entry's file name. Session managers match
// entries by name, so one fixed name means enabling twice never starts two
// copies.
const DesktopFile = "vaultbar.desktop"

// XDG starts Vaultbar through the XDG Autostart specification, which GNOME,
// KDE, Xfce and most other desktops follow: a desktop entry in the user's
// autostart folder.
type XDG struct {
	// Dir is the autostart folder. Empty means $XDG_CONFIG_HOME/autostart,
	// looked up on every call so tests can point it elsewhere.
	Dir string
}

var _ Autostart = XDG{}

// Enable writes the desktop entry for exe.
func (x XDG) Enable(exe string) error {
	if err := checkExe(exe); err != nil {
		return err
	}
	path, err := x.path()
	if err != nil {
		return err
	}
	return writeAtomic(path, RenderDesktop(exe))
}

// Disable removes the desktop entry.
func (x XDG) Disable() error {
	path, err := x.path()
	if err != nil {
		return err
	}
	return remove(path)
}

// Enabled reports whether the entry exists, starts exe, and has not been
// switched off by the desktop (GNOME Tweaks and KDE's settings set
// X-GNOME-Autostart-enabled=false or Hidden=true instead of deleting it).
func (x XDG) Enabled(exe string) (bool, error) {
	path, err := x.path()
	if err != nil {
		return false, err
	}
	b, err := readEntry(path)
	if b == nil || err != nil {
		return false, err
	}
	e := ParseDesktop(b)
	if e["Type"] != "Application" || e["Hidden"] == "true" || e["X-GNOME-Autostart-enabled"] == "false" {
		return false, nil
	}
	args, err := SplitExec(e["Exec"])
	if err != nil || len(args) == 0 {
		return false, nil // not an entry we wrote; Enable replaces it
	}
	return args[0] == exe, nil
}

func (x XDG) path() (string, error) {
	if x.Dir != "" {
		return filepath.Join(x.Dir, DesktopFile), nil
	}
	cfg, err := configHome()
	if err != nil {
		return "", err
	}
	return filepath.Join(cfg, "autostart", DesktopFile), nil
}

// configHome is $XDG_CONFIG_HOME, or ~/.config. The Base Directory
// specification says a relative $XDG_CONFIG_HOME is invalid and must be
// ignored, so it is.
func configHome() (string, error) {
	if d := os.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(d) {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("finding the home folder: %w", err)
	}
	return filepath.Join(home, ".config"), nil
}

// RenderDesktop is the autostart desktop entry that starts exe.
func RenderDesktop(exe string) []byte {
	var b strings.Builder
	b.WriteString("[Desktop Entry]\n")
	b.WriteString("Type=Application\n")
	b.WriteString("Name=Vaultbar\n")
	b.WriteString("Comment=Password vault in the menu bar\n")
	b.WriteString("Exec=" + escapeValue(QuoteExec(exe)) + "\n")
	b.WriteString("Terminal=false\n")
	b.WriteString("Hidden=false\n")
	b.WriteString("X-GNOME-Autostart-enabled=true\n")
	return []byte(b.String())
}

// execReserved are the characters the Desktop Entry specification says
// force an Exec argument to be quoted.
const execReserved = " \t\n\"'\\><~|&;$*?#()`"

// QuoteExec writes one Exec argument per the Desktop Entry specification:
// quoted in double quotes when it has a reserved character, with ", `, $
// and \ backslash-escaped inside the quotes, and % doubled everywhere
// (a lone % would start a field code such as %f).
func QuoteExec(arg string) string {
	arg = strings.ReplaceAll(arg, "%", "%%")
	if arg != "" && !strings.ContainsAny(arg, execReserved) {
		return arg
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range arg {
		if strings.ContainsRune("\"`$\\", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

// ErrExecSyntax means an Exec value has an unterminated quote or escape.
var ErrExecSyntax = errors.New("malformed Exec value")

// SplitExec splits an Exec value (already unescaped as a string value) into
// its arguments, undoing QuoteExec. Field codes other than %% are kept as
// written; a launcher would expand them, but an autostart entry has none.
func SplitExec(s string) ([]string, error) {
	var args []string
	var cur strings.Builder
	inArg, quoted := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quoted && c == '\\':
			if i+1 == len(s) {
				return nil, fmt.Errorf("%w: %q ends in a backslash", ErrExecSyntax, s)
			}
			i++
			cur.WriteByte(s[i])
		case quoted && c == '"':
			quoted = false
		case quoted:
			cur.WriteByte(c)
		case c == '"':
			quoted, inArg = true, true
		case c == ' ' || c == '\t':
			if inArg {
				args = append(args, cur.String())
				cur.Reset()
				inArg = false
			}
		default:
			cur.WriteByte(c)
			inArg = true
		}
	}
	if quoted {
		return nil, fmt.Errorf("%w: %q has an unterminated quote", ErrExecSyntax, s)
	}
	if inArg {
		args = append(args, cur.String())
	}
	for i, a := range args {
		args[i] = strings.ReplaceAll(a, "%%", "%")
	}
	return args, nil
}

// escapeValue applies the specification's escapes for string values (\\,
// \n, \t, \r). They come on top of Exec quoting, which is why a backslash
// in a quoted path ends up as four in the file.
func escapeValue(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\t", `\t`, "\r", `\r`).Replace(s)
}

// unescapeValue undoes escapeValue and also reads \s (a space), which
// other writers use for a leading space. An unknown escape is kept as is.
func unescapeValue(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 's':
			b.WriteByte(' ')
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '\\':
			b.WriteByte('\\')
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// ParseDesktop reads the [Desktop Entry] group of a desktop file into its
// keys and unescaped values. Localised keys (Name[de]) are kept under their
// full name; for a repeated key the first one wins, as in GLib.
func ParseDesktop(b []byte) map[string]string {
	out := map[string]string{}
	inEntry := false
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
			continue
		case strings.HasPrefix(trimmed, "["):
			inEntry = trimmed == "[Desktop Entry]"
			continue
		case !inEntry:
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k = strings.TrimSpace(k)
		if _, dup := out[k]; !dup {
			out[k] = unescapeValue(strings.TrimLeft(v, " \t"))
		}
	}
	return out
}
