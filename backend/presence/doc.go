// Package presence tells when the user walks away from the computer: it
// goes to sleep, or its screen locks. The app locks the vault then (a
// preference, on by default), as KeePassXC does, so a laptop closed in a
// café or a screen locked at the office doesn't leave the vault open
// behind it.
//
// A Watcher per platform, behind one small interface:
//
//   - Linux (dbus_linux.go): logind's PrepareForSleep(true) on the system
//     bus, and the session's screensaver ActiveChanged(true), under both
//     org.freedesktop.ScreenSaver and org.gnome.ScreenSaver, over D-Bus
//     (godbus, no cgo). Tested on private buses.
//   - macOS (appkit_darwin.go): NSWorkspaceWillSleepNotification from
//     NSWorkspace's notification center and the com.apple.screenIsLocked
//     distributed notification, through purego's objc runtime, so it
//     builds without cgo (GOOS=darwin CGO_ENABLED=0); it is compiled here,
//     never run.
//
// A signal can only lock the vault: any process of the user may send a
// screensaver signal on the session bus, and the worst it can do is ask
// for the login password again. So nothing is authenticated here.
package presence
