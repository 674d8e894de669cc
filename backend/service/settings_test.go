package service

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestSettings(t *testing.T) {
	home := t.TempDir()
	s, err := LoadSettings(home)
	if err != nil || s.ClipboardClear != 30*time.Second || s.IdleLock != 5*time.Minute {
		t.Fatalf("defaults = %+v, %v", s, err)
	}
	s.IdleLock = time.Minute
	s.ShowInDock = true
	type syncPrefs struct {
		Provider string `json:"provider"`
		Auto     bool   `json:"auto"`
	}
	if err := s.SetSection("sync", syncPrefs{"icloud", true}); err != nil {
		t.Fatal(err)
	}
	if err := SaveSettings(home, s); err != nil {
		t.Fatal(err)
	}
	got, err := LoadSettings(home)
	if err != nil || got.IdleLock != time.Minute || !got.ShowInDock || got.ClipboardClear != 30*time.Second {
		t.Fatalf("reloaded = %+v, %v", got, err)
	}
	var sp syncPrefs
	if err := got.Section("sync", &sp); err != nil || sp != (syncPrefs{"icloud", true}) {
		t.Fatalf("sync section = %+v, %v", sp, err)
	}
}

func TestSettingsKeepUnknownKeys(t *testing.T) {
	home := t.TempDir()
	os.WriteFile(settingsPath(home), []byte(`{"idleLockSeconds": 60, "fromTheFuture": {"x": 1}}`), 0o600)
	s, err := LoadSettings(home)
	if err != nil || s.IdleLock != time.Minute {
		t.Fatalf("LoadSettings = %+v, %v", s, err)
	}
	if err := SaveSettings(home, s); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(settingsPath(home))
	if !strings.Contains(string(b), "fromTheFuture") {
		t.Fatalf("unknown key dropped:\n%s", b)
	}
}

func TestSettingsDamagedFileGivesDefaults(t *testing.T) {
	home := t.TempDir()
	os.WriteFile(settingsPath(home), []byte(`{not json`), 0o600)
	s, err := LoadSettings(home)
	if err == nil || s.IdleLock != 5*time.Minute {
		t.Fatalf("LoadSettings(damaged) = %+v, %v; want defaults and an error", s, err)
	}
}

func TestUpdateSettings(t *testing.T) {
	s := New(t.TempDir())
	if _, err := s.UpdateSettings(func(st *Settings) error { st.OpenAtLogin = true; return nil }); err != nil {
		t.Fatal(err)
	}
	got, err := s.Settings()
	if err != nil || !got.OpenAtLogin {
		t.Fatalf("Settings = %+v, %v", got, err)
	}
}
