//go:build darwin && !cgo

package tray

// Systray on macOS needs cgo (AppKit). Without it there is no status item:
// start and end do nothing, and the app still runs as a window.
func Systray(t *Tray) (start, end func()) {
	return func() {}, func() {}
}
