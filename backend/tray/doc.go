// Package tray is Vaultbar's menu-bar item (on Linux, a StatusNotifierItem
// tray icon) and its dropdown.
//
// The dropdown is a pure model: Menu turns a State (locked or not, the sync
// status sentence, the favourite records) into Items with labels and
// enabled state, so it is tested without a display. A Tray keeps that model
// current and dispatches clicks to Actions, which the app implements (the
// clipboard, the window and quitting belong to the app). A Driver puts the
// items on screen; the one here uses fyne.io/systray, which needs cgo on
// macOS and only a session bus on Linux.
//
// Nothing here imports Wails.
package tray
