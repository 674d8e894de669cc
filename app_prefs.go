package main

import (
	"context"
	"errors"
	"sync"
	"time"

	"vaultbar/backend/autostart"
	"vaultbar/backend/service"
)

// PrefsAPI reads and saves this device's preferences (settings.json, kept
// by backend/service beside the vault; readable while locked).
type PrefsAPI struct {
	home         string
	onShowInDock func(bool)          // applies Show in Dock (the menu bar's Dock)
	login        autostart.Autostart // applies Open at login

	mu  sync.Mutex
	cur service.Settings
}

// Prefs is the JSON shape of the preferences the General tab edits.
type Prefs struct {
	ClipboardClearSeconds int  `json:"clipboardClearSeconds"` // 0: never
	IdleLockSeconds       int  `json:"idleLockSeconds"`       // 0: never
	OpenAtLogin           bool `json:"openAtLogin"`
	ShowInDock            bool `json:"showInDock"`
	LockWhenAway          bool `json:"lockWhenAway"` // on sleep and screen lock (app_presence.go)
}

// NewPrefsAPI reads home's settings; unreadable settings fall back to the
// defaults (and Get says why).
func NewPrefsAPI(home string) *PrefsAPI {
	p := &PrefsAPI{home: home, login: autostart.Default()}
	p.cur, _ = service.LoadSettings(home)
	return p
}

func (p *PrefsAPI) start(context.Context) {}
func (p *PrefsAPI) stop()                 {}

// Get returns the preferences.
func (p *PrefsAPI) Get() (Prefs, error) {
	s, err := service.LoadSettings(p.home)
	p.mu.Lock()
	p.cur = s
	p.mu.Unlock()
	return prefsOf(s), explained(err)
}

// Save stores the preferences and returns them as saved.
func (p *PrefsAPI) Save(in Prefs) (Prefs, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s, _ := service.LoadSettings(p.home) // keeps other sections (sync) as they are
	// The login entry first: if it can't change, nothing is saved, so the
	// setting never claims an entry that isn't there.
	if err := autostart.Update(p.login, s.OpenAtLogin, in.OpenAtLogin); err != nil {
		return prefsOf(p.cur), openAtLoginError(err)
	}
	s.ClipboardClear = time.Duration(max(in.ClipboardClearSeconds, 0)) * time.Second
	s.IdleLock = time.Duration(max(in.IdleLockSeconds, 0)) * time.Second
	s.OpenAtLogin = in.OpenAtLogin
	s.ShowInDock = in.ShowInDock
	if err := s.SetLockWhenAway(in.LockWhenAway); err != nil {
		return prefsOf(p.cur), explained(err)
	}
	if err := service.SaveSettings(p.home, s); err != nil {
		return prefsOf(p.cur), explained(err)
	}
	p.cur = s
	if p.onShowInDock != nil {
		p.onShowInDock(s.ShowInDock)
	}
	return prefsOf(s), nil
}

// clipboardDelay is the current clipboard clearing delay.
func (p *PrefsAPI) clipboardDelay() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.cur.ClipboardClear
}

func prefsOf(s service.Settings) Prefs {
	return Prefs{
		ClipboardClearSeconds: int(s.ClipboardClear / time.Second),
		IdleLockSeconds:       int(s.IdleLock / time.Second),
		OpenAtLogin:           s.OpenAtLogin,
		ShowInDock:            s.ShowInDock,
		LockWhenAway:          s.LockWhenAway(),
	}
}

// openAtLoginError is err as the preferences sheet shows it. It bypasses
// service.Explain, whose permission hint is about the vault's folder, not
// the autostart or LaunchAgents folder named in err.
func openAtLoginError(err error) error {
	text := sentence(err.Error())
	if !errors.Is(err, autostart.ErrBadExecutable) { // that message says what to do
		text += "\nhint: " + sentence("nothing was saved; check that the folder named above can be written to, and try again")
	}
	return errors.New(text)
}
