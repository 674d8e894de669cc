package main

import (
	goruntime "runtime"

	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Events from the Mac menu bar to the page. frontend/src/lib/events.ts mirrors them.
const (
	EventNewRecord = "app:new-record" // File ▸ New Record (⌘N)
	EventSearch    = "app:search"     // View ▸ Search (⌘F)
)

// macMenus adds what Mac users look for after the app menu: File (New
// Record, Lock), Edit, View (Search), Window and Help. Linux keeps its
// short menu: there GTK would take Ctrl+N and Ctrl+F from the page, which
// handles them itself. Other menus (Import…, Export…) add to File.
func macMenus(m *menu.Menu, app *App, vault *VaultAPI) (file *menu.Menu) {
	if goruntime.GOOS != "darwin" {
		m.Append(menu.EditMenu())
		return nil
	}
	file = m.AddSubmenu("File")
	file.AddText("New Record", keys.CmdOrCtrl("n"), func(*menu.CallbackData) { app.emit(EventNewRecord) })
	file.AddSeparator()
	file.AddText("Lock Vault", keys.CmdOrCtrl("l"), func(*menu.CallbackData) { _ = vault.Lock() })
	m.Append(menu.EditMenu())
	view := m.AddSubmenu("View")
	view.AddText("Search", keys.CmdOrCtrl("f"), func(*menu.CallbackData) { app.emit(EventSearch) })
	m.Append(menu.WindowMenu())
	help := m.AddSubmenu("Help")
	help.AddText("Vaultbar Help", nil, func(*menu.CallbackData) { _ = app.OpenURL(helpURL) })
	return file
}

// helpURL is the user guide: the README.
const helpURL = "https://github.com/vaultbar/vaultbar#readme"

func (a *App) emit(event string) {
	if a.ctx != nil {
		runtime.WindowShow(a.ctx)
		runtime.EventsEmit(a.ctx, event)
	}
}

func settingsLabel() string {
	if goruntime.GOOS == "darwin" {
		return "Settings…"
	}
	return "Preferences…"
}
