package autostart

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// xdgHome points $XDG_CONFIG_HOME at a temp folder and returns the
// autostart folder under it.
func xdgHome(t *testing.T) string {
	t.Helper()
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	return filepath.Join(cfg, "autostart")
}

func TestXDGEnableWritesAValidEntry(t *testing.T) {
	dir := xdgHome(t)
	exe := "/opt/My Apps/Vault$bar 100%/vaultbar"
	if err := Default().Enable(exe); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, DesktopFile))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "[Desktop Entry]\n") {
		t.Errorf("entry does not start with its group header:\n%s", b)
	}
	if want := `Exec="/opt/My Apps/Vault\\$bar 100%%/vaultbar"` + "\n"; !strings.Contains(string(b), want) {
		t.Errorf("entry lacks %q:\n%s", want, b)
	}
	e := ParseDesktop(b)
	for k, v := range map[string]string{
		"Type": "Application", "Name": "Vaultbar", "Hidden": "false",
		"X-GNOME-Autostart-enabled": "true", "Terminal": "false",
	} {
		if e[k] != v {
			t.Errorf("%s = %q, want %q", k, e[k], v)
		}
	}
	if e["Comment"] == "" {
		t.Error("entry has no Comment")
	}
	args, err := SplitExec(e["Exec"])
	if err != nil || !slices.Equal(args, []string{exe}) {
		t.Errorf("Exec splits into %q (%v), want [%q]", args, err, exe)
	}
}

func TestXDGEnabledDisableIdempotent(t *testing.T) {
	dir := xdgHome(t)
	x := Default()
	exe := "/usr/local/bin/vaultbar"
	enabled := func(exe string) bool {
		t.Helper()
		on, err := x.Enabled(exe)
		if err != nil {
			t.Fatal(err)
		}
		return on
	}

	if enabled(exe) {
		t.Fatal("enabled before Enable")
	}
	if err := x.Disable(); err != nil {
		t.Fatalf("Disable with no entry (and no autostart folder): %v", err)
	}
	for range 2 {
		if err := x.Enable(exe); err != nil {
			t.Fatal(err)
		}
		if !enabled(exe) {
			t.Fatal("not enabled after Enable")
		}
	}
	if enabled("/elsewhere/vaultbar") {
		t.Error("enabled for another executable")
	}
	names := dirNames(t, dir)
	if !slices.Equal(names, []string{DesktopFile}) {
		t.Errorf("autostart folder holds %q, want only %s (no temp files)", names, DesktopFile)
	}
	for range 2 {
		if err := x.Disable(); err != nil {
			t.Fatal(err)
		}
		if enabled(exe) {
			t.Fatal("enabled after Disable")
		}
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("autostart folder still holds %q", names)
	}
}

func TestXDGEnabledRespectsTheDesktopsSwitch(t *testing.T) {
	dir := t.TempDir()
	x := XDG{Dir: dir}
	exe := "/usr/bin/vaultbar"
	for _, c := range []struct {
		name, from, to string
	}{
		{"GNOME switch off", "X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false"},
		{"hidden", "Hidden=false", "Hidden=true"},
		{"not an application", "Type=Application", "Type=Link"},
		{"broken Exec", "Exec=/usr/bin/vaultbar", `Exec="/usr/bin/vaultbar`},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := strings.Replace(string(RenderDesktop(exe)), c.from, c.to, 1)
			if b == string(RenderDesktop(exe)) {
				t.Fatalf("rendered entry lacks %q", c.from)
			}
			if err := os.WriteFile(filepath.Join(dir, DesktopFile), []byte(b), 0o644); err != nil {
				t.Fatal(err)
			}
			if on, err := x.Enabled(exe); on || err != nil {
				t.Errorf("Enabled = %v, %v; want false, nil", on, err)
			}
		})
	}
}

func TestXDGIgnoresRelativeConfigHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "relative/config")
	if err := Default().Enable("/usr/bin/vaultbar"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(home, ".config", "autostart", DesktopFile)); err != nil {
		t.Errorf("entry not under ~/.config: %v", err)
	}
}

func TestXDGEnableFailureLeavesNoTempFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores folder permissions")
	}
	dir := t.TempDir()
	// A folder where the entry belongs makes the rename fail after the
	// temp file was written.
	if err := os.Mkdir(filepath.Join(dir, DesktopFile), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, DesktopFile, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := (XDG{Dir: dir}).Enable("/usr/bin/vaultbar"); err == nil {
		t.Fatal("Enable over a non-empty folder succeeded")
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{DesktopFile}) {
		t.Errorf("folder holds %q after a failed Enable", names)
	}
}

func TestEnableRejectsBadPaths(t *testing.T) {
	x := XDG{Dir: t.TempDir()}
	for _, exe := range []string{"vaultbar", "./bin/vaultbar", "/opt/vault\nbar", "/opt/\xffbar"} {
		if err := x.Enable(exe); !errors.Is(err, ErrBadExecutable) {
			t.Errorf("Enable(%q) = %v, want ErrBadExecutable", exe, err)
		}
	}
}

func TestQuoteExec(t *testing.T) {
	for in, want := range map[string]string{
		"/usr/bin/vaultbar":      "/usr/bin/vaultbar",
		"/opt/My Apps/vaultbar":  `"/opt/My Apps/vaultbar"`,
		`/opt/a"b/c`:             `"/opt/a\"b/c"`,
		"/opt/a`b$c/d":           "\"/opt/a\\`b\\$c/d\"",
		`/opt/back\slash`:        `"/opt/back\\slash"`,
		"/opt/50%/vaultbar":      "/opt/50%%/vaultbar",
		"/home/o'brien/vaultbar": `"/home/o'brien/vaultbar"`,
	} {
		if got := QuoteExec(in); got != want {
			t.Errorf("QuoteExec(%q) = %s, want %s", in, got, want)
		}
	}
}

// A backslash in the path is escaped twice: once for Exec quoting, once as
// a string value, so the file holds four.
func TestRenderDesktopBackslash(t *testing.T) {
	b := RenderDesktop(`/opt/back\slash/vaultbar`)
	if want := `Exec="/opt/back\\\\slash/vaultbar"`; !strings.Contains(string(b), want) {
		t.Errorf("entry lacks %s:\n%s", want, b)
	}
}

func TestSplitExec(t *testing.T) {
	for in, want := range map[string][]string{
		`vaultbar`:                 {"vaultbar"},
		`  "/a b/c"  --hidden %U `: {"/a b/c", "--hidden", "%U"},
		`"/a\"b" x"y z"`:           {`/a"b`, "xy z"},
		`/x/100%%`:                 {"/x/100%"},
		`""`:                       {""},
	} {
		got, err := SplitExec(in)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("SplitExec(%s) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{`"/a b`, `"/a\`} {
		if _, err := SplitExec(in); !errors.Is(err, ErrExecSyntax) {
			t.Errorf("SplitExec(%s) = %v, want ErrExecSyntax", in, err)
		}
	}
}

func TestParseDesktop(t *testing.T) {
	e := ParseDesktop([]byte("# comment\r\n[Other]\nExec=wrong\n[Desktop Entry]\r\nName = Vaultbar\r\nName[de]=Tresor\nExec=\\sa\\\\b\\tc\nExec=second\n[Desktop Action x]\nHidden=true\n"))
	want := map[string]string{"Name": "Vaultbar", "Name[de]": "Tresor", "Exec": " a\\b\tc"}
	if len(e) != len(want) {
		t.Errorf("parsed %q, want %q", e, want)
	}
	for k, v := range want {
		if e[k] != v {
			t.Errorf("%s = %q, want %q", k, e[k], v)
		}
	}
}

// FuzzDesktopExec checks that any usable path survives rendering and
// parsing back.
func FuzzDesktopExec(f *testing.F) {
	for _, s := range []string{"/usr/bin/vaultbar", "/opt/My Apps/v", `/a"b\c$d` + "`e%f", "/x/%%u", "/é ü/\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, exe string) {
		if checkExe(exe) != nil {
			return
		}
		args, err := SplitExec(ParseDesktop(RenderDesktop(exe))["Exec"])
		if err != nil || !slices.Equal(args, []string{exe}) {
			t.Fatalf("%q came back as %q (%v)", exe, args, err)
		}
	})
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}
