package tray

// Dock shows or hides the app's Dock icon. On macOS a hidden Dock icon
// makes Vaultbar an accessory app: no Dock tile and no ⌘-Tab entry, the
// menu-bar item being the way in. Windows of an accessory app don't come
// forward well, so the app shows the icon again while Preferences are open.
// Elsewhere there is no Dock and SetVisible does nothing.
type Dock interface {
	SetVisible(visible bool)
}

// SystemDock is this platform's Dock.
var SystemDock Dock = systemDock{}

var _ Dock = systemDock{}
