package autostart

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// recorder is an Autostart that records calls and holds one entry.
type recorder struct {
	calls []string
	entry string // the executable the entry starts; "" for none
	err   error
}

func (r *recorder) Enable(exe string) error {
	r.calls = append(r.calls, "enable")
	if r.err != nil {
		return r.err
	}
	r.entry = exe
	return nil
}

func (r *recorder) Disable() error {
	r.calls = append(r.calls, "disable")
	r.entry = ""
	return r.err
}

func (r *recorder) Enabled(exe string) (bool, error) { return r.entry == exe, nil }

func TestUpdate(t *testing.T) {
	exe, err := Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		entry     string
		was, want bool
		calls     []string
	}{
		{"stays off: leaves another copy's entry alone", "/other/vaultbar", false, false, nil},
		{"turned on", "", false, true, []string{"enable"}},
		{"turned off", exe, true, false, []string{"disable"}},
		{"stays on and correct", exe, true, true, nil},
		{"stays on, app moved", "/old/place/vaultbar", true, true, []string{"enable"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := &recorder{entry: c.entry}
			if err := Update(r, c.was, c.want); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(r.calls, c.calls) {
				t.Errorf("calls %q, want %q", r.calls, c.calls)
			}
		})
	}
}

func TestUpdateWrapsErrors(t *testing.T) {
	sentinel := errors.New("boom")
	err := Update(&recorder{err: sentinel}, false, true)
	if !errors.Is(err, sentinel) || err.Error() != "turning on Open at login: boom" {
		t.Errorf("Update = %v", err)
	}
	err = Update(&recorder{err: sentinel}, true, false)
	if !errors.Is(err, sentinel) || err.Error() != "turning off Open at login: boom" {
		t.Errorf("Update = %v", err)
	}
}

func TestExecutable(t *testing.T) {
	t.Setenv("APPIMAGE", "")
	exe, err := Executable()
	if err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(exe) {
		t.Errorf("Executable = %q, not absolute", exe)
	}
	if real, _ := filepath.EvalSymlinks(exe); real != exe {
		t.Errorf("Executable = %q, symlinks unresolved (%q)", exe, real)
	}
	if _, err := os.Stat(exe); err != nil {
		t.Error(err)
	}
	t.Setenv("APPIMAGE", "/home/me/Apps/Vaultbar.AppImage")
	if exe, _ := Executable(); exe != "/home/me/Apps/Vaultbar.AppImage" {
		t.Errorf("Executable in an AppImage = %q", exe)
	}
}
