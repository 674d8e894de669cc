package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"vaultbar/backend/model"
	"vaultbar/backend/service"
	"vaultbar/backend/tray"
)

// Events between the menu-bar item and the frontend. frontend/src/lib/events.ts mirrors them.
const (
	// EventQuickSearch asks the frontend for its compact quick-search mode.
	EventQuickSearch = "app:quicksearch"
	// EventPreferencesClosed is sent by the frontend when Preferences close,
	// so a hidden Dock icon hides again.
	EventPreferencesClosed = "app:preferences-closed"
)

// quitFlushTimeout bounds how long quitting waits for a pending sync.
const quitFlushTimeout = 5 * time.Second

// trayVault is the part of *service.VaultService the menu-bar item reads.
type trayVault interface {
	Locked() bool
	List(model.Filter) ([]model.Summary, error)
	Record(id string) (model.Record, error)
	Subscribe(func(service.Change)) (unsubscribe func())
}

var _ trayVault = (*service.VaultService)(nil)

// traySync is the part of the sync service the menu-bar item uses.
type traySync interface {
	SyncNow()
	// Status is the sentence the dropdown shows ("Synced 2 minutes ago",
	// "Syncing…", "Locked", the problem) and whether a sync runs now.
	Status() (sentence string, running bool)
	// Flush finishes a pending sync, giving up when ctx ends.
	Flush(ctx context.Context) error
	Subscribe(func()) (unsubscribe func())
}

// trayDeps are the app's services as the menu-bar item uses them. Any may
// be nil; their items then do nothing.
type trayDeps struct {
	Vault trayVault
	Sync  traySync
	Lock  func()                  // locks as the app's Lock does (it also clears the clipboard)
	Copy  func(text string) error // the app's clipboard, cleared after the preferred delay
}

// menuBar is the app's side of the menu-bar item: it implements
// tray.Actions over the app, gives the tray the app's state, and runs the
// item's life cycle (tray_darwin.go, tray_linux.go say when it starts).
// The app connects its services with connect once it has them; until then
// the dropdown shows a locked vault.
type menuBar struct {
	home  string
	tray  *tray.Tray
	up    *running // set by NewApp: quitting waits for the main loop
	start func()
	end   func()
	dock  tray.Dock

	mu        sync.Mutex
	ctx       context.Context
	deps      trayDeps
	showDock  bool
	prefsOpen bool
	started   bool
	quickOpen func() // opens Quick Access (app_quick.go), which Search… shows
	unsubs    []func()
}

var _ tray.Actions = (*menuBar)(nil)

func newMenuBar(home string) *menuBar {
	b := &menuBar{home: home, dock: tray.SystemDock, showDock: true}
	b.tray = tray.New(b, b.state)
	b.start, b.end = tray.Systray(b.tray)
	return b
}

// connect gives the menu bar the app's services.
func (b *menuBar) connect(d trayDeps) {
	b.mu.Lock()
	b.deps = d
	if d.Vault != nil {
		b.unsubs = append(b.unsubs, d.Vault.Subscribe(func(service.Change) { b.tray.Refresh() }))
	}
	if d.Sync != nil {
		b.unsubs = append(b.unsubs, d.Sync.Subscribe(b.tray.Refresh))
	}
	b.mu.Unlock()
	b.tray.Refresh()
}

func (b *menuBar) services() trayDeps {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.deps
}

// startup runs in OnStartup: the window exists and the runtime works.
func (b *menuBar) startup(ctx context.Context) {
	b.mu.Lock()
	b.ctx = ctx
	b.mu.Unlock()
	runtime.EventsOn(ctx, EventPreferencesClosed, func(...any) { b.preferencesClosed() })
	if s, err := service.LoadSettings(b.home); err == nil {
		b.setShowInDock(s.ShowInDock)
	} else {
		log.Printf("vaultbar: %v", err)
	}
	b.startPlatform(ctx)
}

// shutdown runs in OnShutdown, whatever made the app quit (a menu, the
// tray, ⌘Q, a signal, logging out): it lets a pending sync finish, for a
// bounded time, then removes the status item.
func (b *menuBar) shutdown(ctx context.Context) {
	b.mu.Lock()
	s := b.deps.Sync
	unsubs := b.unsubs
	b.unsubs = nil
	b.mu.Unlock()
	for _, u := range unsubs {
		u()
	}
	if s != nil {
		fctx, cancel := context.WithTimeout(context.Background(), quitFlushTimeout)
		err := s.Flush(fctx)
		cancel()
		if err != nil {
			msg := fmt.Sprintf("Vaultbar quit before its last sync finished (%v). The changes are safe on this device and sync when Vaultbar runs again.", err)
			log.Print("vaultbar: " + msg)
			notify(ctx, "Sync did not finish", msg)
		}
	}
	b.mu.Lock()
	started := b.started
	b.mu.Unlock()
	if started {
		b.end()
	}
}

// startItem puts the status item on screen, once.
func (b *menuBar) startItem() {
	b.mu.Lock()
	if b.started {
		b.mu.Unlock()
		return
	}
	b.started = true
	b.mu.Unlock()
	b.start()
}

// instanceID names this instance for Wails' single-instance lock. It
// includes the data folder, so instances with different folders (tests, a
// second vault) run side by side while a second start on one folder brings
// the running one forward. A hash keeps it a valid D-Bus name on Linux.
func instanceID(home string) string {
	sum := sha256.Sum256([]byte(home))
	return "vaultbar-" + hex.EncodeToString(sum[:8])
}

// state is what the dropdown shows now.
func (b *menuBar) state() tray.State {
	d := b.services()
	v, s := d.Vault, d.Sync
	st := tray.State{Locked: v == nil || v.Locked()}
	if s != nil {
		st.Status, st.Syncing = s.Status()
	}
	if st.Locked {
		return st
	}
	sums, err := v.List(model.Filter{Favorites: true})
	if err != nil {
		return st
	}
	for _, sum := range sums {
		if r, err := v.Record(sum.ID); err == nil {
			st.Favourites = append(st.Favourites, tray.FavouriteOf(r))
		}
	}
	return st
}

func (b *menuBar) context() context.Context {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.ctx
}

// SyncNow starts a sync and returns; the status line follows it.
func (b *menuBar) SyncNow() {
	if s := b.services().Sync; s != nil {
		go s.SyncNow()
	}
}

func (b *menuBar) Lock() {
	if lock := b.services().Lock; lock != nil {
		lock()
	}
}

// ShowUnlock opens the window, which shows the unlock screen while locked.
func (b *menuBar) ShowUnlock() { b.Open() }

func (b *menuBar) Open() {
	if ctx := b.context(); ctx != nil {
		runtime.WindowUnminimise(ctx)
		runtime.WindowShow(ctx)
	}
}

// Preferences opens the window at Preferences. With the Dock icon hidden,
// the icon shows while they are open: an accessory app's windows don't
// come forward reliably, and people look for open windows in the Dock.
func (b *menuBar) Preferences() {
	ctx := b.context()
	if ctx == nil {
		return
	}
	b.mu.Lock()
	b.prefsOpen = true
	b.mu.Unlock()
	b.dock.SetVisible(true)
	b.Open()
	runtime.EventsEmit(ctx, EventPreferences)
}

func (b *menuBar) preferencesClosed() {
	b.mu.Lock()
	b.prefsOpen = false
	show := b.showDock
	b.mu.Unlock()
	b.dock.SetVisible(show)
}

// setShowInDock applies the Show in Dock preference; the preferences code
// calls it when the person changes it.
func (b *menuBar) setShowInDock(show bool) {
	b.mu.Lock()
	b.showDock = show
	visible := show || b.prefsOpen
	b.mu.Unlock()
	b.dock.SetVisible(visible)
}

// QuickSearch shows the window in its compact quick-search mode.
func (b *menuBar) QuickSearch() {
	if b.quickOpen != nil {
		b.quickOpen()
		return
	}
	if ctx := b.context(); ctx != nil {
		b.Open()
		runtime.EventsEmit(ctx, EventQuickSearch)
	}
}

// CopyField copies a record's field through the app's clipboard, which
// clears it after the preferred delay. No window is needed.
func (b *menuBar) CopyField(recordID, fieldID string) {
	d := b.services()
	v, copy := d.Vault, d.Copy
	if v == nil || copy == nil {
		return
	}
	r, err := v.Record(recordID)
	if err != nil {
		log.Printf("vaultbar: copy from the menu bar: %v", err)
		return
	}
	for _, f := range r.Fields {
		if f.ID == fieldID {
			if err := copy(f.Value); err != nil {
				log.Printf("vaultbar: copy from the menu bar: %v", err)
			}
			return
		}
	}
}

func (b *menuBar) Quit() {
	if ctx := b.context(); ctx != nil {
		b.up.quit(ctx)
	}
}

// notify shows a system notification, best effort: at quit the desktop
// may already be gone, and the log line stays.
func notify(ctx context.Context, title, body string) {
	if ctx == nil {
		return
	}
	defer func() { recover() }() // the runtime may be half torn down at quit
	if runtime.InitializeNotifications(ctx) != nil || !runtime.IsNotificationAvailable(ctx) {
		return
	}
	_ = runtime.SendNotification(ctx, runtime.NotificationOptions{ID: "vaultbar-quit-sync", Title: title, Body: body})
}

// about shows the version, for the app menu's About item.
func (b *menuBar) about() {
	if ctx := b.context(); ctx != nil {
		_, _ = runtime.MessageDialog(ctx, runtime.MessageDialogOptions{
			Type: runtime.InfoDialog, Title: "About Vaultbar",
			Message: "Vaultbar " + version + "\nA password vault in the menu bar, synced end to end encrypted.",
		})
	}
}
