package main

import (
	"context"
	"errors"
	"net/url"
	"os"
	"os/signal"
	goruntime "runtime"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// Event names sent to the frontend. frontend/src/lib/events.ts mirrors them.
const (
	EventPreferences  = "app:preferences" // the Preferences… menu item
	EventLocked       = "app:locked"      // the vault locked, whoever locked it
	EventVaultChanged = "vault:changed"   // a service.Change, local or from sync
	EventSyncStatus   = "sync:status"     // a SyncInfo
)

// The bound services. Each is small, keeps its methods thin and leaves the
// work to packages under backend/, which never import Wails. Only main.go
// and these app*.go files talk to the Wails runtime.
//
// Bound methods return (T, error) or error; Wails rejects the promise with
// the error's text, which explained() makes a sentence and a hint.

// App is the window itself: version, data folder, platform, links, dialogs.
// It also starts and stops the other bound services.
type App struct {
	ctx      context.Context
	home     string
	bar      *menuBar // the menu-bar item (tray_app.go)
	services []lifecycle
	up       *running // closed once the main loop runs
}

// running is closed once the window's page has loaded (OnDomReady), by
// when the toolkit's main loop runs. A quit asked for before that (a tray
// click in the first instant, a signal at start-up) waits for it: on Linux
// runtime.Quit before gtk_main is lost ("gtk_main_quit: assertion
// 'main_loops != NULL' failed") and the app would go on running.
type running struct {
	once sync.Once
	ch   chan struct{}
}

func newRunning() *running { return &running{ch: make(chan struct{})} }

func (r *running) mark() { r.once.Do(func() { close(r.ch) }) }

// quit quits once the main loop runs, or after a while if the page never
// loads, trying anyway.
func (r *running) quit(ctx context.Context) {
	select {
	case <-r.ch:
	case <-time.After(20 * time.Second):
	}
	runtime.Quit(ctx)
}

// lifecycle is a bound service's start and stop. Wails keeps only the functions
// given as OnStartup and OnShutdown out of the JavaScript bindings, so the
// other services' start and stop are unexported and App calls them.
type lifecycle interface {
	start(ctx context.Context)
	stop()
}

// NewApp returns an App that keeps its data in home and starts services,
// in order, once the window exists.
func NewApp(home string, bar *menuBar, services ...lifecycle) *App {
	up := newRunning()
	bar.up = up
	return &App{home: home, bar: bar, services: services, up: up}
}

// Start is called by Wails once the window exists (OnStartup).
func (a *App) Start(ctx context.Context) {
	a.ctx = ctx
	go quitOnSignal(ctx, a.up)
	for _, s := range a.services {
		s.start(ctx)
	}
	a.bar.startup(ctx)
}

// domReady is OnDomReady: the page has loaded, so the main loop runs.
func (a *App) domReady(context.Context) { a.up.mark() }

// Stop is called by Wails when the app quits (OnShutdown): the menu bar
// first (it lets a pending sync finish), then the services in reverse
// order.
func (a *App) Stop(ctx context.Context) {
	a.bar.shutdown(ctx)
	for i := len(a.services) - 1; i >= 0; i-- {
		a.services[i].stop()
	}
}

// quitOnSignal quits the way the Quit menu item does when the terminal
// Vaultbar was started from goes away (SIGHUP), so OnShutdown still
// publishes the pending sync. Wails itself already turns SIGTERM (logging
// out) and SIGINT into that shutdown; handling them here too would shut
// down twice.
func quitOnSignal(ctx context.Context, up *running) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGHUP)
	<-sigs
	signal.Stop(sigs)
	up.quit(ctx)
}

// Version returns the version built into this binary.
func (a *App) Version() string {
	return version
}

// DataDir returns the folder this instance keeps its data in.
func (a *App) DataDir() string {
	return a.home
}

// Platform says what the frontend should offer on this system.
type Platform struct {
	OS          string `json:"os"`          // GOOS
	DockSetting bool   `json:"dockSetting"` // "Show in Dock" means something (macOS)
}

// Platform describes this system.
func (a *App) Platform() (Platform, error) {
	return Platform{OS: goruntime.GOOS, DockSetting: goruntime.GOOS == "darwin"}, nil
}

// OpenURL opens a web address from a record in the default browser. Only
// http and https: a record's URL field must not launch other handlers.
func (a *App) OpenURL(raw string) error {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("only web addresses (http:// or https://) can be opened\nhint: check the address in the record")
	}
	runtime.BrowserOpenURL(a.ctx, u.String())
	return nil
}

// ChooseFolder shows the system's folder picker and returns the chosen
// folder, or "" if the person cancelled.
func (a *App) ChooseFolder(title string) (string, error) {
	dir, err := runtime.OpenDirectoryDialog(a.ctx, runtime.OpenDialogOptions{
		Title:                title,
		CanCreateDirectories: true,
	})
	if err != nil {
		return "", explained(err)
	}
	return dir, nil
}

func (a *App) showPreferences() {
	runtime.EventsEmit(a.ctx, EventPreferences)
}

func (a *App) hide() { runtime.Hide(a.ctx) }

func (a *App) quit() { a.up.quit(a.ctx) }
