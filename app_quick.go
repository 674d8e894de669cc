package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"vaultbar/backend/hotkey"
	"vaultbar/backend/model"
	"vaultbar/backend/otp"
	"vaultbar/backend/service"
	"vaultbar/backend/tray"
)

// Quick Access: the global shortcut (backend/hotkey) and the menu-bar
// item's Search… open the window as a compact, always-on-top search panel
// (Wails v2 has one window); closing it restores the window as it was.
// Copies happen here, by record and field, so a secret never has to reach
// the page to be copied.

// quickSection is where the shortcut is kept in settings.json.
const quickSection = "quickAccess"

// The panel's size, and the window's while it is the panel.
const quickWidth, quickHeight = 640, 380

// QuickAPI binds Quick Access.
type QuickAPI struct {
	svc     *service.VaultService
	clip    *ClipboardAPI
	touch   func()
	openURL func(string) error // App.OpenURL: http(s) only

	mu       sync.Mutex
	ctx      context.Context
	binding  hotkey.Binding
	shortcut hotkey.Shortcut
	problem  error // why the shortcut is not registered, if it is not
	open     bool
	savedW   int
	savedH   int
}

// ShortcutInfo is what Preferences → General shows.
type ShortcutInfo struct {
	Shortcut  string `json:"shortcut"`
	Default   string `json:"default"`
	Available bool   `json:"available"` // a global shortcut can exist in this session
	Active    bool   `json:"active"`    // and this one is registered
	Problem   string `json:"problem"`   // why not, as a sentence and hint
}

// Copied says what a copy put on the clipboard, for the panel to say.
type Copied struct {
	What    string `json:"what"`    // "password", "user name", "one-time code"
	Name    string `json:"name"`    // the record's name
	Seconds int    `json:"seconds"` // until the clipboard clears; 0 never
}

type quickSettings struct {
	Shortcut string `json:"shortcut"`
}

// NewQuickAPI copies through clip, which clears the clipboard later.
func NewQuickAPI(svc *service.VaultService, clip *ClipboardAPI, touch func()) *QuickAPI {
	return &QuickAPI{svc: svc, clip: clip, touch: touch, shortcut: hotkey.Default()}
}

func (q *QuickAPI) start(ctx context.Context) {
	q.mu.Lock()
	q.ctx = ctx
	q.mu.Unlock()
	if st, err := q.svc.Settings(); err == nil {
		var qs quickSettings
		if st.Section(quickSection, &qs) == nil && qs.Shortcut != "" {
			if s, err := hotkey.Parse(qs.Shortcut); err == nil {
				q.shortcut = s
			}
		}
	}
	// Off the main thread: on macOS registration waits for the main queue.
	go func() {
		q.mu.Lock()
		defer q.mu.Unlock()
		if err := q.rebind(q.shortcut); err != nil {
			logQuick(err)
		}
	}()
}

func (q *QuickAPI) stop() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.binding != nil {
		_ = q.binding.Close()
		q.binding = nil
	}
}

// rebind registers s in place of the current shortcut; on failure the old
// one stays registered. Call with mu held.
func (q *QuickAPI) rebind(s hotkey.Shortcut) error {
	if q.binding != nil && s == q.shortcut && q.problem == nil {
		return nil
	}
	b, err := hotkey.Register(s)
	if err != nil {
		if q.binding == nil {
			q.problem = err
		}
		return err
	}
	if q.binding != nil {
		_ = q.binding.Close()
	}
	q.binding, q.shortcut, q.problem = b, s, nil
	go q.listen(b)
	return nil
}

func (q *QuickAPI) listen(b hotkey.Binding) {
	for range b.Pressed() {
		q.Open()
	}
}

// Shortcut says which shortcut opens Quick Access and whether it works.
func (q *QuickAPI) Shortcut() ShortcutInfo {
	q.mu.Lock()
	defer q.mu.Unlock()
	ok, why := hotkey.Available()
	info := ShortcutInfo{Shortcut: q.shortcut.String(), Default: hotkey.Default().String(), Available: ok, Active: q.binding != nil}
	if !ok {
		info.Problem = sentence(why)
	} else if q.problem != nil {
		info.Problem = explainHotkey(q.problem).Error()
	}
	return info
}

// SetShortcut registers text ("Ctrl+Shift+Space") as the shortcut and keeps
// it in the preferences. A shortcut another application holds is refused
// with that sentence, and the old one stays.
func (q *QuickAPI) SetShortcut(text string) (ShortcutInfo, error) {
	s, err := hotkey.Parse(text)
	if err != nil {
		return q.Shortcut(), explainHotkey(err)
	}
	q.mu.Lock()
	err = q.rebind(s)
	q.mu.Unlock()
	if err != nil {
		return q.Shortcut(), explainHotkey(err)
	}
	_, err = q.svc.UpdateSettings(func(st *service.Settings) error {
		return st.SetSection(quickSection, quickSettings{Shortcut: s.String()})
	})
	return q.Shortcut(), explained(err)
}

func explainHotkey(err error) error {
	switch {
	case errors.Is(err, hotkey.ErrConflict):
		return fmt.Errorf("Another application already uses this shortcut.\nhint: Choose another one, or free it in that application.")
	case errors.Is(err, hotkey.ErrUnavailable):
		return fmt.Errorf("No global shortcut is available in this session.\nhint: Use Search… in the menu-bar item, or set a shortcut in your desktop's keyboard settings.")
	case errors.Is(err, hotkey.ErrInvalid):
		return fmt.Errorf("That is not a shortcut Vaultbar can use.\nhint: Use Ctrl, Alt or Cmd (and Shift if you like) with a letter, a digit or Space, e.g. Ctrl+Shift+Space.")
	}
	return explained(err)
}

// Open shows the window as the Quick Access panel: compact, on top, in
// front of whatever application is active.
func (q *QuickAPI) Open() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.ctx == nil {
		return
	}
	if !q.open {
		q.savedW, q.savedH = runtime.WindowGetSize(q.ctx)
		q.open = true
	}
	runtime.WindowSetMinSize(q.ctx, quickWidth, quickHeight)
	runtime.WindowSetSize(q.ctx, quickWidth, quickHeight)
	runtime.WindowCenter(q.ctx)
	runtime.WindowSetAlwaysOnTop(q.ctx, true)
	runtime.WindowUnminimise(q.ctx)
	runtime.WindowShow(q.ctx)
	runtime.EventsEmit(q.ctx, EventQuickSearch)
}

// Close restores the main window. keep leaves it shown (⌘O opened a record
// in it); otherwise it hides again, giving the keyboard back to the
// application the person came from.
func (q *QuickAPI) Close(keep bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.ctx == nil || !q.open {
		return
	}
	q.open = false
	runtime.WindowSetAlwaysOnTop(q.ctx, false)
	runtime.WindowSetMinSize(q.ctx, 760, 480) // main.go's MinWidth, MinHeight
	if q.savedW > 0 && q.savedH > 0 {
		runtime.WindowSetSize(q.ctx, q.savedW, q.savedH)
	}
	if !keep {
		runtime.WindowHide(q.ctx)
	}
}

// CopyField copies a field of a record: "password", "username" (the fields
// the menu-bar item picks, tray.FavouriteOf), "otp" (the current code of
// its one-time password) or a field id. The value never leaves Go.
func (q *QuickAPI) CopyField(recordID, field string) (Copied, error) {
	r, err := q.svc.Record(recordID)
	if err != nil {
		return Copied{}, explained(err)
	}
	what, value, err := fieldValue(r, field)
	if err != nil {
		return Copied{}, err
	}
	if q.touch != nil {
		q.touch()
	}
	secs, err := q.clip.Copy(value)
	return Copied{What: what, Name: r.Name, Seconds: secs}, err
}

// OpenURL opens the record's web address (the first URL field) with the
// app's opener, which refuses anything but http(s).
func (q *QuickAPI) OpenURL(recordID string) error {
	r, err := q.svc.Record(recordID)
	if err != nil {
		return explained(err)
	}
	for _, f := range r.Fields {
		if f.Kind == model.KindURL && f.Value != "" && q.openURL != nil {
			return q.openURL(f.Value)
		}
	}
	return missing(r, "", "web address")
}

func fieldValue(r model.Record, field string) (what, value string, err error) {
	fav := tray.FavouriteOf(r)
	switch field {
	case "password":
		return "password", valueOf(r, fav.PasswordField), missing(r, fav.PasswordField, "password")
	case "username":
		return "user name", valueOf(r, fav.UserField), missing(r, fav.UserField, "user name")
	case "otp":
		return oneTimeCode(r)
	}
	for _, f := range r.Fields {
		if f.ID == field && f.Value != "" {
			return f.Label, f.Value, nil
		}
	}
	return "", "", missing(r, "", field)
}

func valueOf(r model.Record, id string) string {
	for _, f := range r.Fields {
		if f.ID == id {
			return f.Value
		}
	}
	return ""
}

func missing(r model.Record, id, what string) error {
	if id != "" {
		return nil
	}
	return fmt.Errorf("“%s” has no %s.", r.Name, what)
}

func oneTimeCode(r model.Record) (string, string, error) {
	for _, f := range r.Fields {
		if f.Kind == model.KindOTP && f.Value != "" {
			k, err := otp.Parse(f.Value)
			if err != nil {
				return "", "", explained(err)
			}
			code, _ := k.At(time.Now())
			return "one-time code", code, nil
		}
	}
	return "", "", missing(r, "", "one-time password")
}

// logQuick reports a shortcut that could not be registered at startup;
// Preferences shows the same.
func logQuick(err error) { log.Printf("vaultbar: quick access shortcut: %v", err) }
