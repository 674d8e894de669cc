package service

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// Settings are this device's preferences. They are not secret and are read
// while the vault is locked, so they live in settings.json beside the vault,
// not inside it.
//
// Other parts of Vaultbar keep their preferences in named sections (the sync
// engine uses "sync"), declared in their own files with Section and
// SetSection, so adding a preference never means editing this struct.
// Sections and keys this build does not know are kept as they were, so an
// older Vaultbar does not erase a newer one's preferences.
type Settings struct {
	ClipboardClear time.Duration `json:"-"` // how long a copied secret stays on the clipboard
	IdleLock       time.Duration `json:"-"` // lock after this long without use; 0 never
	OpenAtLogin    bool          `json:"-"`
	ShowInDock     bool          `json:"-"`

	sections map[string]json.RawMessage
}

// DefaultSettings are the preferences of a new device.
func DefaultSettings() Settings {
	return Settings{ClipboardClear: 30 * time.Second, IdleLock: 5 * time.Minute}
}

// settingsFile is the JSON shape of settings.json. Durations are whole
// seconds, which a person editing the file can read.
type settingsFile struct {
	ClipboardClearSeconds *int64 `json:"clipboardClearSeconds,omitempty"`
	IdleLockSeconds       *int64 `json:"idleLockSeconds,omitempty"`
	OpenAtLogin           *bool  `json:"openAtLogin,omitempty"`
	ShowInDock            *bool  `json:"showInDock,omitempty"`
}

var ownKeys = []string{"clipboardClearSeconds", "idleLockSeconds", "openAtLogin", "showInDock"}

// Section decodes the named section into v, leaving v as it is when the
// section is absent.
func (s *Settings) Section(name string, v any) error {
	raw, ok := s.sections[name]
	if !ok {
		return nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("settings section %q: %w", name, err)
	}
	return nil
}

// SetSection stores v as the named section.
func (s *Settings) SetSection(name string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("settings section %q: %w", name, err)
	}
	if s.sections == nil {
		s.sections = map[string]json.RawMessage{}
	}
	s.sections[name] = raw
	return nil
}

// readSettingsFile reads settings.json. Tests replace it to make the file
// unreadable: they run as root, whom chmod 000 does not stop.
var readSettingsFile = os.ReadFile

// LoadSettings reads home's settings.json; a missing file gives defaults.
// A file that can't be used (not JSON, empty, a folder, unreadable) gives
// defaults and a *SettingsError. It only reads; VaultService.Settings is
// what sets such a file aside.
func LoadSettings(home string) (Settings, error) {
	path := settingsPath(home)
	b, err := readSettingsFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return DefaultSettings(), nil
	case err != nil:
		return DefaultSettings(), unreadableSettings(path, err)
	case len(bytes.TrimSpace(b)) == 0:
		return DefaultSettings(), &SettingsError{Path: path, Cause: "is empty"}
	}
	s := DefaultSettings()
	if err := s.decode(b); err != nil {
		return DefaultSettings(), &SettingsError{Path: path, Cause: "is not valid JSON", Err: err}
	}
	return s, nil
}

func (s *Settings) decode(b []byte) error {
	var f settingsFile
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	if err := json.Unmarshal(b, &s.sections); err != nil {
		return err
	}
	for _, k := range ownKeys {
		delete(s.sections, k)
	}
	if f.ClipboardClearSeconds != nil && *f.ClipboardClearSeconds >= 0 {
		s.ClipboardClear = time.Duration(*f.ClipboardClearSeconds) * time.Second
	}
	if f.IdleLockSeconds != nil && *f.IdleLockSeconds >= 0 {
		s.IdleLock = time.Duration(*f.IdleLockSeconds) * time.Second
	}
	setIf(&s.OpenAtLogin, f.OpenAtLogin)
	setIf(&s.ShowInDock, f.ShowInDock)
	return nil
}

func setIf(dst *bool, v *bool) {
	if v != nil {
		*dst = *v
	}
}

// SaveSettings writes s to home's settings.json atomically.
func SaveSettings(home string, s Settings) error {
	b, err := s.encode()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(home, 0o700); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	if _, err := setAsideIfDamaged(home); err != nil {
		return err
	}
	if err := writeAtomic(settingsPath(home), b, 0o600); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	return nil
}

func (s Settings) encode() ([]byte, error) {
	out := make(map[string]any, len(s.sections)+len(ownKeys))
	for k, v := range s.sections {
		out[k] = v
	}
	out["clipboardClearSeconds"] = int64(s.ClipboardClear / time.Second)
	out["idleLockSeconds"] = int64(s.IdleLock / time.Second)
	out["openAtLogin"] = s.OpenAtLogin
	out["showInDock"] = s.ShowInDock
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode settings: %w", err)
	}
	return append(b, '\n'), nil
}

// Settings reads this device's preferences. It works while locked. While
// unlocked it also keeps the sync section and the vault's copy of it in
// step: a settings.json that can't be used is set aside (never deleted)
// and the sync section comes back from the copy; the *SettingsError
// returned then says so, once.
func (s *VaultService) Settings() (Settings, error) {
	s.settingsMu.Lock()
	defer s.settingsMu.Unlock()
	return s.loadSettings()
}

// UpdateSettings reads the preferences, lets change edit them and saves
// the result, all under one lock so that the app's and the sync engine's
// changes never overwrite each other. A damaged file is set aside and
// replaced by defaults plus this change, rather than blocking every
// preference change forever.
func (s *VaultService) UpdateSettings(change func(*Settings) error) (Settings, error) {
	s.settingsMu.Lock()
	defer s.settingsMu.Unlock()
	st, err := s.loadSettings()
	var se *SettingsError
	if err != nil && !errors.As(err, &se) {
		return st, err
	}
	if err := change(&st); err != nil {
		return st, err
	}
	if err := SaveSettings(s.home, st); err != nil {
		return st, err
	}
	_, err = s.syncCopy(&st)
	return st, err
}
