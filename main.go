// Vaultbar is a password vault that lives in the macOS menu bar.
//
// This file holds only the Wails options: window, menus and bindings.
// app.go holds the bound service and its lifecycle.
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
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	home, err := dataDir()
	if err != nil {
		fail(fmt.Errorf("finding the data folder: %w", err), "set VAULTBAR_HOME to a folder Vaultbar may use")
	}
	app := NewApp(home)

	err = wails.Run(&options.App{
		Title:       "Vaultbar",
		Width:       1000,
		Height:      680,
		MinWidth:    760,
		MinHeight:   480,
		AssetServer: &assetserver.Options{Assets: assets},
		Menu:        appMenu(app),
		OnStartup:   app.Start,
		OnShutdown:  app.Stop,
		Bind:        []any{app},
		Mac: &mac.Options{
			About: &mac.AboutInfo{Title: "Vaultbar", Message: "Version " + version},
		},
		Linux: &linux.Options{ProgramName: "vaultbar"},
	})
	if err != nil {
		fail(err, "")
	}
}

// appMenu is the menu bar. On macOS the first submenu becomes the
// application menu; the Edit menu makes ⌘C/⌘V work in text fields.
// Linux shows only the submenus with items of their own.
func appMenu(app *App) *menu.Menu {
	m := menu.NewMenu()
	vault := m.AddSubmenu("Vaultbar")
	vault.AddText("Preferences…", keys.CmdOrCtrl(","), func(*menu.CallbackData) { app.showPreferences() })
	vault.AddSeparator()
	if goruntime.GOOS == "darwin" { // elsewhere a hidden window has no way back
		vault.AddText("Hide Vaultbar", keys.CmdOrCtrl("h"), func(*menu.CallbackData) { app.hide() })
	}
	vault.AddText("Quit Vaultbar", keys.CmdOrCtrl("q"), func(*menu.CallbackData) { app.quit() })
	m.Append(menu.EditMenu())
	return m
}

func fail(err error, hint string) {
	fmt.Fprintln(os.Stderr, "error:", err)
	if hint != "" {
		fmt.Fprintln(os.Stderr, "hint:", hint)
	}
	os.Exit(1)
}
