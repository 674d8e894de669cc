package autostart

import (
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestRenderPlist(t *testing.T) {
	exe := "/Applications/Vault & <Bar>.app/Contents/MacOS/Vaultbar"
	b := RenderPlist(BundleID, exe)
	// Well-formed XML, with the Apple plist doctype launchd expects.
	d := xml.NewDecoder(strings.NewReader(string(b)))
	for {
		if _, err := d.Token(); err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("not well-formed: %v\n%s", err, b)
			}
			break
		}
	}
	for _, want := range []string{
		`<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN"`,
		"<key>Label</key>\n\t<string>app.vaultbar</string>",
		"<key>RunAtLoad</key>\n\t<true/>",
		"<string>/Applications/Vault &amp; &lt;Bar&gt;.app/Contents/MacOS/Vaultbar</string>",
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("plist lacks %q:\n%s", want, b)
		}
	}
	a, err := ParsePlist(b)
	if err != nil {
		t.Fatal(err)
	}
	if a.Label != BundleID || !a.RunAtLoad || a.Disabled || !slices.Equal(a.ProgramArguments, []string{exe}) {
		t.Errorf("parsed back as %+v", a)
	}
}

func TestLaunchAgentEnableDisable(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Library", "LaunchAgents") // not there yet
	l := LaunchAgent{Dir: dir}
	exe := "/Applications/Vaultbar.app/Contents/MacOS/Vaultbar"
	if on, err := l.Enabled(exe); on || err != nil {
		t.Fatalf("Enabled before Enable = %v, %v", on, err)
	}
	if err := l.Disable(); err != nil {
		t.Fatalf("Disable with no plist: %v", err)
	}
	for range 2 {
		if err := l.Enable(exe); err != nil {
			t.Fatal(err)
		}
	}
	if on, err := l.Enabled(exe); !on || err != nil {
		t.Fatalf("Enabled after Enable = %v, %v", on, err)
	}
	if on, _ := l.Enabled("/Users/me/Downloads/Vaultbar.app/Contents/MacOS/Vaultbar"); on {
		t.Error("enabled for another copy of the app")
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{BundleID + ".plist"}) {
		t.Errorf("LaunchAgents holds %q, want only %s.plist", names, BundleID)
	}
	if err := l.Disable(); err != nil {
		t.Fatal(err)
	}
	if on, err := l.Enabled(exe); on || err != nil {
		t.Fatalf("Enabled after Disable = %v, %v", on, err)
	}
}

func TestLaunchAgentEnabledReadsTheSwitches(t *testing.T) {
	dir := t.TempDir()
	l := LaunchAgent{Dir: dir}
	exe := "/Applications/Vaultbar.app/Contents/MacOS/Vaultbar"
	good := string(RenderPlist(BundleID, exe))
	for name, b := range map[string]string{
		"disabled":     strings.Replace(good, "</dict>", "\t<key>Disabled</key>\n\t<true/>\n</dict>", 1),
		"not at load":  strings.Replace(good, "<true/>", "<false/>", 1),
		"other label":  strings.Replace(good, "<string>app.vaultbar</string>\n\t<key>Assoc", "<string>other</string>\n\t<key>Assoc", 1),
		"not xml":      "garbage",
		"binary plist": "bplist00\x00\x01",
	} {
		if b == good {
			t.Fatalf("%s: replacement did not apply", name)
		}
		if err := os.WriteFile(filepath.Join(dir, BundleID+".plist"), []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
		if on, err := l.Enabled(exe); on || err != nil {
			t.Errorf("%s: Enabled = %v, %v; want false, nil", name, on, err)
		}
	}
}

func TestLaunchAgentRefusesTranslocatedApp(t *testing.T) {
	l := LaunchAgent{Dir: t.TempDir()}
	exe := "/private/var/folders/xy/T/AppTranslocation/1234/d/Vaultbar.app/Contents/MacOS/Vaultbar"
	if err := l.Enable(exe); !errors.Is(err, ErrBadExecutable) {
		t.Errorf("Enable(translocated) = %v, want ErrBadExecutable", err)
	}
}

// FuzzPlistExec checks that any usable path survives rendering and parsing
// back.
func FuzzPlistExec(f *testing.F) {
	for _, s := range []string{"/Applications/Vaultbar.app/Contents/MacOS/Vaultbar", "/a & b/<c>/\"d'", "/é/\u00a0/]]>", "/a\ufffe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, exe string) {
		if checkExe(exe) != nil {
			return
		}
		a, err := ParsePlist(RenderPlist(BundleID, exe))
		if err != nil || !slices.Equal(a.ProgramArguments, []string{exe}) {
			t.Fatalf("%q came back as %q (%v)", exe, a.ProgramArguments, err)
		}
	})
}
