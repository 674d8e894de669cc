package service

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"vaultbar/internal/disktest"
)

// settingsDamage is one way settings.json goes bad, and what the file set aside
// must still hold afterwards.
type settingsDamage struct {
	name  string
	cause string
	apply func(t *testing.T, path string)
	check func(t *testing.T, aside string)
}

var settingsDamages = []settingsDamage{
	{"junk", "is not valid JSON", damageSettingsWith("{not json"), asideHas("{not json")},
	{"empty", "is empty", damageSettingsWith(""), asideHas("")},
	{"directory", "is a folder", func(t *testing.T, path string) {
		mustNoErr(t, os.Remove(path))
		mustNoErr(t, os.Mkdir(path, 0o700))
		mustNoErr(t, os.WriteFile(filepath.Join(path, "mine.txt"), []byte("a file of mine"), 0o600))
	}, func(t *testing.T, aside string) {
		if b, err := os.ReadFile(filepath.Join(aside, "mine.txt")); err != nil || string(b) != "a file of mine" {
			t.Errorf("the folder set aside lost its file: %q, %v", b, err)
		}
	}},
	{"unreadable", "permission denied", func(t *testing.T, path string) {
		mustNoErr(t, os.Chmod(path, 0))
		t.Cleanup(func() { readSettingsFile = os.ReadFile })
		readSettingsFile = readAsNonRoot
	}, func(t *testing.T, aside string) {
		readSettingsFile = os.ReadFile
		if b, err := os.ReadFile(aside); err != nil || !strings.Contains(string(b), `"sync"`) {
			t.Errorf("the unreadable file set aside = %q, %v", b, err)
		}
	}},
}

// readAsNonRoot reads as a user without read permission would: these tests
// run as root, whom chmod 000 does not stop.
func readAsNonRoot(path string) ([]byte, error) {
	if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() && info.Mode().Perm()&0o400 == 0 {
		return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrPermission}
	}
	return os.ReadFile(path)
}

func damageSettingsWith(content string) func(*testing.T, string) {
	return func(t *testing.T, path string) { mustNoErr(t, os.WriteFile(path, []byte(content), 0o600)) }
}

func asideHas(want string) func(*testing.T, string) {
	return func(t *testing.T, aside string) {
		if b, err := os.ReadFile(aside); err != nil || string(b) != want {
			t.Errorf("the file set aside holds %q, %v; want %q", b, err, want)
		}
	}
}

func mustNoErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func asideFiles(t *testing.T, home string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(home, "settings.json.damaged-*"))
	mustNoErr(t, err)
	return m
}

// A damaged settings.json is an error with a hint, is set aside rather
// than deleted, and sync's location comes back from the vault at unlock.
func TestSettingsDamageIsSetAsideAndSyncSurvives(t *testing.T) {
	for _, dmg := range settingsDamages {
		t.Run(dmg.name, func(t *testing.T) {
			d := newDevice(t, nil)
			dir := t.TempDir()
			d.setup(t, dir, syncPW)
			home := d.v.Home()
			d.v.Lock()
			dmg.apply(t, settingsPath(home))

			// Locked: said, with a hint, and nothing on disk changes.
			before := disktest.Snapshot(t, home)
			_, err := d.v.Settings()
			var se *SettingsError
			if !errors.As(err, &se) || !errors.Is(err, ErrSettingsDamaged) {
				t.Fatalf("Settings while locked = %v, want a *SettingsError", err)
			}
			msg, hint := Explain(err)
			if !strings.Contains(msg, "settings.json "+dmg.cause) && !strings.Contains(msg, dmg.cause) || !strings.Contains(hint, "unlock") {
				t.Errorf("Explain while locked = %q / %q", msg, hint)
			}
			if diff := disktest.Diff(before, disktest.Snapshot(t, home)); diff != "" {
				t.Fatalf("reading damaged settings while locked changed the disk:\n%s", diff)
			}

			// Unlocking sets the file aside and sync goes on where it was.
			mustNoErr(t, d.v.Unlock(pw))
			aside := asideFiles(t, home)
			if len(aside) != 1 {
				t.Fatalf("files set aside: %v, want one", aside)
			}
			dmg.check(t, aside[0])
			if loc := d.s.Location(); loc.Folder != dir {
				t.Fatalf("sync location after unlock = %+v, want the folder %s", loc, dir)
			}
			st := d.s.Status()
			if !slices.ContainsFunc(st.Warnings, func(w string) bool {
				return strings.Contains(w, "set aside as "+filepath.Base(aside[0])) && strings.Contains(w, "restored from the encrypted vault")
			}) {
				t.Errorf("status after the repair = %+v, want a warning naming the file set aside", st)
			}
			d.syncNow(t)
			if _, err := d.v.Settings(); err != nil {
				t.Errorf("Settings after the repair = %v", err)
			}
			if _, err := LoadSettings(home); err != nil {
				t.Errorf("settings.json after the repair: %v", err)
			}
		})
	}
}

// The CLI reads the settings itself after unlocking: the error comes once,
// saying what was restored, and the next read is clean.
func TestSettingsDamageSaidOnceWhenUnlocked(t *testing.T) {
	d := newDevice(t, nil)
	dir := t.TempDir()
	d.setup(t, dir, syncPW)
	mustNoErr(t, os.WriteFile(settingsPath(d.v.Home()), []byte("\x00\x01junk"), 0o600))
	_, err := d.v.Settings()
	msg, hint := Explain(err)
	if !strings.Contains(msg, "is not valid JSON") || !strings.Contains(msg, "set aside as settings.json.damaged-") ||
		!strings.Contains(hint, "restored from the encrypted vault") {
		t.Fatalf("Explain = %q / %q", msg, hint)
	}
	st, err := d.v.Settings()
	var loc SyncSettings
	if err != nil || st.Section(syncSection, &loc) != nil || loc.Folder != dir {
		t.Fatalf("second read = %+v, %v", loc, err)
	}
}

// Without a copy in the vault (sync never set up here), the hint says to
// set sync up again, and the preferences are defaults.
func TestSettingsDamageWithoutACopy(t *testing.T) {
	s := created(t)
	mustNoErr(t, os.WriteFile(settingsPath(s.Home()), []byte(`{"idleLockSeconds": 60,`), 0o600))
	st, err := s.Settings()
	msg, hint := Explain(err)
	if !strings.Contains(msg, "set aside") || !strings.Contains(hint, "set sync up again") || st.IdleLock != DefaultSettings().IdleLock {
		t.Fatalf("Settings = %+v; Explain = %q / %q", st, msg, hint)
	}
}

// Saving over a damaged file (the app's Preferences do) sets it aside first.
func TestSaveSettingsSetsADamagedFileAside(t *testing.T) {
	home := t.TempDir()
	mustNoErr(t, os.WriteFile(settingsPath(home), []byte("{not json"), 0o600))
	mustNoErr(t, SaveSettings(home, DefaultSettings()))
	aside := asideFiles(t, home)
	if len(aside) != 1 {
		t.Fatalf("files set aside: %v", aside)
	}
	asideHas("{not json")(t, aside[0])
	if _, err := LoadSettings(home); err != nil {
		t.Fatal(err)
	}
	// A second settingsDamage the same second gets its own name.
	mustNoErr(t, os.WriteFile(settingsPath(home), []byte("[]"), 0o600))
	mustNoErr(t, SaveSettings(home, DefaultSettings()))
	if n := len(asideFiles(t, home)); n != 2 {
		t.Fatalf("%d files set aside, want 2", n)
	}
}

// FuzzLoadSettings: whatever settings.json holds, reading it never panics,
// gives defaults with an error or settings that save and read back the
// same.
func FuzzLoadSettings(f *testing.F) {
	for _, s := range []string{"", "{not json", "[]", "null", `{"idleLockSeconds": 60, "sync": {"provider": "folder", "folder": "/x"}}`,
		`{"clipboardClearSeconds": -5, "openAtLogin": "yes"}`, "\x00\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		home := t.TempDir()
		mustNoErr(t, os.WriteFile(settingsPath(home), b, 0o600))
		st, err := LoadSettings(home)
		if err != nil {
			if !errors.Is(err, ErrSettingsDamaged) || st.IdleLock != DefaultSettings().IdleLock {
				t.Fatalf("LoadSettings(%q) = %+v, %v", b, st, err)
			}
			return
		}
		mustNoErr(t, SaveSettings(home, st))
		again, err := LoadSettings(home)
		if err != nil || again.IdleLock != st.IdleLock || again.ClipboardClear != st.ClipboardClear ||
			again.OpenAtLogin != st.OpenAtLogin || again.ShowInDock != st.ShowInDock || len(again.sections) != len(st.sections) {
			t.Fatalf("round trip of %q: %+v, %v; want %+v", b, again, err, st)
		}
	})
}

// Another reader (the idle lock) may find the damage first, before sync
// attaches: the sync status still says it, once.
func TestSettingsDamageFoundByAnotherReaderIsStillShown(t *testing.T) {
	d := newDevice(t, nil)
	dir := t.TempDir()
	d.setup(t, dir, syncPW)
	d.s.Close()
	d.v.Lock()
	mustNoErr(t, os.WriteFile(settingsPath(d.v.Home()), []byte("{not json"), 0o600))
	mustNoErr(t, d.v.Unlock(pw))
	if _, err := d.v.Settings(); !errors.Is(err, ErrSettingsDamaged) {
		t.Fatalf("the first read after unlock = %v", err)
	}
	s := NewSync(d.v, WithSecretStore(d.store), withSyncKDF(lightKDF), WithoutBackgroundSync())
	defer s.Close()
	st := s.Status()
	if s.Location().Folder != dir || len(st.Warnings) == 0 || !strings.Contains(st.Warnings[0], "set aside") {
		t.Fatalf("status = %+v, location %+v", st, s.Location())
	}
}
