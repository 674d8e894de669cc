package autostart

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// BundleID is Vaultbar's macOS bundle identifier (CFBundleIdentifier in
// build/darwin/Info.plist), used as the LaunchAgent's label and file name.
const BundleID = "app.vaultbar"

// LaunchAgent starts Vaultbar at login with a per-user launchd agent: a
// plist in ~/Library/LaunchAgents with RunAtLoad. Apple's newer
// SMAppService API would need cgo and macOS 13; a plain plist works on
// every macOS version Vaultbar supports, needs no cgo, and can be written
// and tested like any other file. The agent is not loaded with launchctl
// on Enable: RunAtLoad would start a second copy of the running app. It
// takes effect at the next login, which is what "Open at login" means.
type LaunchAgent struct {
	// Dir is the LaunchAgents folder. Empty means ~/Library/LaunchAgents.
	Dir string
	// Label is the agent's label. Empty means BundleID.
	Label string
}

var _ Autostart = LaunchAgent{}

// Enable writes the agent's plist for exe, the executable inside the .app
// bundle (launchd starts it directly, not through Launch Services).
func (l LaunchAgent) Enable(exe string) error {
	if err := checkExe(exe); err != nil {
		return err
	}
	if strings.Contains(exe, "/AppTranslocation/") {
		// Gatekeeper runs a quarantined app from a random read-only copy
		// that is gone after logout; an agent pointing there would fail.
		return fmt.Errorf("%w: macOS is running Vaultbar from a temporary copy; move Vaultbar to the Applications folder, open it from there and try again", ErrBadExecutable)
	}
	path, err := l.path()
	if err != nil {
		return err
	}
	return writeAtomic(path, RenderPlist(l.label(), exe))
}

// Disable removes the agent's plist.
func (l LaunchAgent) Disable() error {
	path, err := l.path()
	if err != nil {
		return err
	}
	return remove(path)
}

// Enabled reports whether the plist exists, has this label, runs at load,
// is not marked Disabled, and starts exe.
func (l LaunchAgent) Enabled(exe string) (bool, error) {
	path, err := l.path()
	if err != nil {
		return false, err
	}
	b, err := readEntry(path)
	if b == nil || err != nil {
		return false, err
	}
	a, err := ParsePlist(b)
	if err != nil {
		return false, nil // not a plist we wrote; Enable replaces it
	}
	return a.Label == l.label() && a.RunAtLoad && !a.Disabled &&
		len(a.ProgramArguments) > 0 && a.ProgramArguments[0] == exe, nil
}

func (l LaunchAgent) label() string {
	if l.Label != "" {
		return l.Label
	}
	return BundleID
}

func (l LaunchAgent) path() (string, error) {
	dir := l.Dir
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("finding the home folder: %w", err)
		}
		dir = filepath.Join(home, "Library", "LaunchAgents")
	}
	return filepath.Join(dir, l.label()+".plist"), nil
}

// RenderPlist is the LaunchAgent plist that starts exe at login under label.
// AssociatedBundleIdentifiers lets macOS 13's Login Items settings show the
// app's name and icon for the agent rather than an unnamed item.
func RenderPlist(label, exe string) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Label</key>
	<string>`)
	xml.EscapeText(&b, []byte(label)) //nolint:errcheck // bytes.Buffer writes do not fail
	b.WriteString(`</string>
	<key>AssociatedBundleIdentifiers</key>
	<array>
		<string>`)
	xml.EscapeText(&b, []byte(BundleID)) //nolint:errcheck
	b.WriteString(`</string>
	</array>
	<key>ProgramArguments</key>
	<array>
		<string>`)
	xml.EscapeText(&b, []byte(exe)) //nolint:errcheck
	b.WriteString(`</string>
	</array>
	<key>RunAtLoad</key>
	<true/>
</dict>
</plist>
`)
	return b.Bytes()
}

// Agent is what ParsePlist reads from a LaunchAgent plist.
type Agent struct {
	Label            string
	ProgramArguments []string
	RunAtLoad        bool
	Disabled         bool
}

// plistNode is any XML element with its text and children, in order: a
// plist dict is a flat run of <key> and value elements, which encoding/xml
// cannot map onto a struct directly.
type plistNode struct {
	XMLName xml.Name
	Text    string      `xml:",chardata"`
	Nodes   []plistNode `xml:",any"`
}

// ParsePlist reads the keys Vaultbar writes from an XML plist; other keys
// are ignored.
func ParsePlist(b []byte) (Agent, error) {
	var root plistNode
	if err := xml.Unmarshal(b, &root); err != nil {
		return Agent{}, fmt.Errorf("parsing plist: %w", err)
	}
	if root.XMLName.Local != "plist" || len(root.Nodes) != 1 || root.Nodes[0].XMLName.Local != "dict" {
		return Agent{}, fmt.Errorf("parsing plist: no top-level dict")
	}
	var a Agent
	items := root.Nodes[0].Nodes
	for i := 0; i+1 < len(items); i += 2 {
		k, v := items[i], items[i+1]
		if k.XMLName.Local != "key" {
			return Agent{}, fmt.Errorf("parsing plist: <%s> where a <key> belongs", k.XMLName.Local)
		}
		switch k.Text {
		case "Label":
			a.Label = v.Text
		case "RunAtLoad":
			a.RunAtLoad = v.XMLName.Local == "true"
		case "Disabled":
			a.Disabled = v.XMLName.Local == "true"
		case "ProgramArguments":
			for _, s := range v.Nodes {
				a.ProgramArguments = append(a.ProgramArguments, s.Text)
			}
		}
	}
	return a, nil
}
