// Vaultbar is a password vault that lives in the macOS menu bar.
//
// This file holds only the Wails options: window, menus and bindings.
// app.go and app_*.go hold the bound services and their lifecycle.
package main

import (
	"embed"
	"fmt"
	"os"
	goruntime "runtime"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/options/mac"

	"vaultbar/backend/service"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	home, err := service.DefaultHome()
	if err != nil {
		fail(fmt.Errorf("finding the data folder: %w", err), "set VAULTBAR_HOME to a folder Vaultbar may use")
	}
	svc := service.New(home)
	prefs := NewPrefsAPI(home)
	clip := NewClipboardAPI(prefs.clipboardDelay)
	clip.records = svc // CopyField (app_copy.go)
	vault := NewVaultAPI(svc)
	vault.onLock = clip.locked
	sync := NewSyncAPI(svc)
	bar := newMenuBar(home)
	bar.connect(trayDeps{
		Vault: svc,
		Sync:  sync.tray(svc),
		Lock:  svc.Lock, // the lock event clears the clipboard and the page
		Copy: func(text string) error {
			vault.Touch() // copying from the menu bar is using the vault
			_, err := clip.Copy(text)
			return err
		},
	})
	prefs.onShowInDock = bar.setShowInDock
	// The vaultbar command beside the app (app_hub.go); lock on sleep and
	// screen lock (app_presence.go); import and export (app_import.go);
	// Quick Access (app_quick.go).
	hub := NewHubAPI(home, svc, sync, vault, bar)
	away := newAwayLock(svc, prefs)
	imports := NewImportAPI(svc)
	quick := NewQuickAPI(svc, clip, vault.Touch)
	bar.quickOpen = quick.Open
	app := NewApp(home, bar, prefs, clip, vault, sync, hub, away, imports, quick)
	quick.openURL = app.OpenURL
	bar.beforeRun()

	err = wails.Run(&options.App{
		Title:       "Vaultbar",
		Width:       1000,
		Height:      680,
		MinWidth:    760,
		MinHeight:   480,
		AssetServer: &assetserver.Options{Assets: assets},
		Menu:        appMenu(app, vault, bar),
		OnStartup:   app.Start,
		OnDomReady:  app.domReady,
		OnShutdown:  app.Stop,
		Bind:        []any{app, vault, clip, prefs, &GeneratorAPI{}, sync, hub, imports, quick},
		Mac: &mac.Options{
			About: &mac.AboutInfo{Title: "Vaultbar", Message: "Version " + version},
		},
		Linux: &linux.Options{ProgramName: "vaultbar"},
		// Closing the window leaves Vaultbar in the menu bar, syncing and
		// watching; Quit (menu, tray, ⌘Q) ends it.
		HideWindowOnClose: true,
		// One instance per data folder: a second start brings the first
		// forward, while tests run instances on other folders side by side.
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId:               instanceID(home),
			OnSecondInstanceLaunch: func(options.SecondInstanceData) { bar.Open() },
		},
	})
	if err != nil {
		fail(err, "")
	}
}

// appMenu is the menu bar. On macOS the first submenu becomes the
// application menu; the Edit menu makes ⌘C/⌘V work in text fields.
// Linux shows only the submenus with items of their own.
func appMenu(app *App, vault *VaultAPI, bar *menuBar) *menu.Menu {
	m := menu.NewMenu()
	items := m.AddSubmenu("Vaultbar")
	items.AddText("About Vaultbar", nil, func(*menu.CallbackData) { bar.about() })
	items.AddSeparator()
	// "Settings…" since macOS 13; File ▸ Lock Vault has ⌘L there (app_menu.go).
	items.AddText(settingsLabel(), keys.CmdOrCtrl(","), func(*menu.CallbackData) { app.showPreferences() })
	if goruntime.GOOS != "darwin" {
		transferItems(items, app)
		items.AddSeparator()
		items.AddText("Lock Vault", keys.CmdOrCtrl("l"), func(*menu.CallbackData) { _ = vault.Lock() })
	}
	items.AddText("Sync Now", nil, func(*menu.CallbackData) { bar.SyncNow() })
	items.AddSeparator()
	if goruntime.GOOS == "darwin" { // elsewhere a hidden window has no way back
		items.AddText("Hide Vaultbar", keys.CmdOrCtrl("h"), func(*menu.CallbackData) { app.hide() })
	}
	items.AddText("Quit Vaultbar", keys.CmdOrCtrl("q"), func(*menu.CallbackData) { app.quit() })
	if file := macMenus(m, app, vault); file != nil {
		file.AddSeparator()
		transferItems(file, app)
	}
	return m
}

// transferItems are Import… and Export…: in File on a Mac, in the app
// menu elsewhere.
func transferItems(m *menu.Menu, app *App) {
	m.AddText("Import…", nil, func(*menu.CallbackData) { app.emit(EventImport) })
	m.AddText("Export…", nil, func(*menu.CallbackData) { app.emit(EventExport) })
}

func fail(err error, hint string) {
	fmt.Fprintln(os.Stderr, "error:", err)
	if hint != "" {
		fmt.Fprintln(os.Stderr, "hint:", hint)
	}
	os.Exit(1)
}
