package main

import (
	"context"
	"os"
	"path/filepath"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// Event names sent to the frontend. frontend/src/lib/events.ts mirrors them.
const (
	EventPreferences = "app:preferences"
)

// App is the service bound to the frontend. It is a placeholder until the
// vault and sync services arrive; keep its methods thin and push real work
// into packages under backend/, which never import Wails.
type App struct {
	ctx  context.Context
	home string
}

// NewApp returns an App that keeps its data in home.
func NewApp(home string) *App {
	return &App{home: home}
}

// Start is called by Wails once the window exists. Start and Stop are
// passed to Wails as OnStartup and OnShutdown, which also keeps them out of
// the JavaScript bindings.
func (a *App) Start(ctx context.Context) {
	a.ctx = ctx
}

// Stop is called by Wails when the app quits.
func (a *App) Stop(ctx context.Context) {}

// Version returns the version built into this binary.
func (a *App) Version() string {
	return version
}

// DataDir returns the folder this instance keeps its data in.
func (a *App) DataDir() string {
	return a.home
}

func (a *App) showPreferences() {
	runtime.EventsEmit(a.ctx, EventPreferences)
}

func (a *App) hide() { runtime.Hide(a.ctx) }

func (a *App) quit() { runtime.Quit(a.ctx) }

// dataDir is $VAULTBAR_HOME if set (tests and second instances use it),
// else the per-user config folder: ~/Library/Application Support/Vaultbar
// on macOS, ~/.config/Vaultbar on Linux.
func dataDir() (string, error) {
	if home := os.Getenv("VAULTBAR_HOME"); home != "" {
		return filepath.Abs(home)
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "Vaultbar"), nil
}
