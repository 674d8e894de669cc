// Package hotkey registers the global shortcut that opens Quick Access
// while another application is in front.
//
// A Shortcut is parsed from and printed as text ("Ctrl+Shift+Space",
// "Cmd+Shift+Space"), so the preference is a plain string and the parser is
// pure and fuzzed. Register returns a Binding whose Pressed channel fires
// each time the person presses it, or an error: ErrUnavailable where no
// global shortcut can exist (Wayland without X, no display, a build
// without cgo) and ErrConflict when another application holds it.
//
// On macOS the Carbon hot key of golang.design/x/hotkey is used. Its
// registration runs on the main queue with dispatch_sync, which the Cocoa
// run loop Wails already owns serves; so no mainthread.Init is needed, but
// Register must not be called from the main thread itself (it would wait
// for itself): the app calls it from a goroutine after startup.
//
// On Linux the X11 grab is done here (hotkey_linux.go) rather than through
// golang.design/x/hotkey, whose package init panics when no X display can
// be opened (a Wayland session without XWayland would not start) and whose
// grab ends the process through Xlib's default error handler when another
// client holds the key. This one reports BadAccess as ErrConflict and
// grabs the key with and without Caps Lock and Num Lock, which X treats as
// modifiers.
package hotkey
