package service

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// ErrSettingsDamaged is a settings.json that exists but can't be used.
var ErrSettingsDamaged = errors.New("the settings file can't be used")

// SettingsError is a settings.json that can't be used: what is wrong with
// it, the name it was set aside as (once it was), and whether sync's
// location came back from the copy inside the vault.
type SettingsError struct {
	Path     string
	Cause    string // "is not valid JSON", "is empty", "is a folder", "can't be read"
	Aside    string // the name it was set aside as, beside it; "" while in place
	Restored bool   // sync's location was restored from the vault's copy
	Err      error  // the parser's or the file system's error, if any
}

func (e *SettingsError) Error() string {
	msg := fmt.Sprintf("the settings file %s %s", e.Path, e.Cause)
	if e.Err != nil {
		msg += fmt.Sprintf(" (%v)", e.Err)
	}
	if e.Aside != "" {
		msg += "; it was set aside as " + e.Aside
	}
	return msg
}

// Unwrap gives the sentinel only: a permission error here is about this
// file, not the vault's folder, which explainDisk would say.
func (e *SettingsError) Unwrap() error { return ErrSettingsDamaged }

func unreadableSettings(path string, err error) *SettingsError {
	if info, serr := os.Lstat(path); serr == nil && info.IsDir() {
		return &SettingsError{Path: path, Cause: "is a folder, not a file"}
	}
	if errors.Is(err, fs.ErrPermission) {
		return &SettingsError{Path: path, Cause: "can't be read (permission denied)"}
	}
	return &SettingsError{Path: path, Cause: "can't be read", Err: err}
}

// Explained before the others, as sync's errors are.
func init() {
	explainers = append([]func(error) (string, string, bool){explainSettings}, explainers...)
}

func explainSettings(err error) (string, string, bool) {
	var se *SettingsError
	if !errors.As(err, &se) {
		return "", "", false
	}
	switch {
	case se.Aside != "" && se.Restored:
		return se.Error(), "where this device syncs was restored from the encrypted vault; the other preferences are back to their defaults, so check them in Preferences", true
	case se.Aside != "":
		return se.Error(), "the preferences are back to their defaults; if this device synced, set sync up again in Preferences → Cloud Sync or with `vaultbar sync setup`", true
	}
	return se.Error(), "unlock the vault, which sets the file aside and restores where this device syncs, or move the file away yourself", true
}

// setAsideIfDamaged renames a settings.json that can't be used to
// settings.json.damaged-<UTC time>, so that writing a new one never
// destroys it. It returns the error describing it, with Aside set.
func setAsideIfDamaged(home string) (*SettingsError, error) {
	_, err := LoadSettings(home)
	var se *SettingsError
	if !errors.As(err, &se) {
		return nil, nil
	}
	aside, err := setAside(se.Path)
	if err != nil {
		return se, fmt.Errorf("set the damaged settings file aside: %w", err)
	}
	se.Aside = aside
	return se, nil
}

// setAside renames path to a name no file has yet and returns that name.
func setAside(path string) (string, error) {
	base := path + ".damaged-" + time.Now().UTC().Format("20060102-150405")
	aside := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(aside); errors.Is(err, fs.ErrNotExist) {
			break
		}
		aside = fmt.Sprintf("%s-%d", base, i)
	}
	if err := os.Rename(path, aside); err != nil {
		return "", err
	}
	_ = syncDir(filepath.Dir(path)) // the rename is done; durability is a bonus
	return filepath.Base(aside), nil
}

// loadSettings is Settings with settingsMu held. While locked it only
// reads, so nothing changes on disk before the vault's copy can be used.
func (s *VaultService) loadSettings() (Settings, error) {
	st, err := LoadSettings(s.home)
	var se *SettingsError
	if !errors.As(err, &se) || s.Locked() {
		if err == nil {
			_, err = s.syncCopy(&st)
		}
		return st, err
	}
	se, err = setAsideIfDamaged(s.home)
	if err != nil {
		return st, err
	}
	st = DefaultSettings()
	if se.Restored, err = s.syncCopy(&st); err != nil {
		return st, err
	}
	s.unsaid = se
	return st, se
}

// syncCopy keeps sync's section of the settings and its copy in the vault
// in step while unlocked: a section the file lacks comes back from the
// copy (and the file is saved), a section the copy lacks or has otherwise
// goes to the vault. It reports whether a configured location came back.
func (s *VaultService) syncCopy(st *Settings) (restored bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.vault == nil {
		return false, nil
	}
	raw, has := st.sections[syncSection]
	switch {
	case !has && len(s.state.Sync) > 0:
		if err := st.SetSection(syncSection, s.state.Sync); err != nil {
			return false, err
		}
		var loc SyncSettings
		_ = json.Unmarshal(s.state.Sync, &loc)
		return loc.Configured(), SaveSettings(s.home, *st)
	case has && !sameJSON(raw, s.state.Sync):
		var c bytes.Buffer
		if err := json.Compact(&c, raw); err != nil {
			return false, err
		}
		s.state.Sync = c.Bytes()
		return false, s.save(nil)
	}
	return false, nil
}

func sameJSON(a, b []byte) bool {
	var ca, cb bytes.Buffer
	return json.Compact(&ca, a) == nil && json.Compact(&cb, b) == nil && bytes.Equal(ca.Bytes(), cb.Bytes())
}

// settingsReport is what the sync status says of a settings.json set
// aside, by the read that gave err or an earlier one nobody reported (the
// idle lock's, say), once: a warning when sync's location came back from
// the vault, so sync goes on; else the error, as sync is off.
func (s *VaultService) settingsReport(err error) (note string, _ error) {
	s.settingsMu.Lock()
	se := s.unsaid
	s.unsaid = nil
	s.settingsMu.Unlock()
	if !errors.As(err, &se) && err != nil {
		return "", err
	}
	switch {
	case se == nil:
		return "", nil
	case !se.Restored:
		return "", se
	}
	msg, hint, _ := explainSettings(se)
	return sentence(msg) + " " + sentence(hint), nil
}
