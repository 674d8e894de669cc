package tray

import (
	"fmt"
	"runtime"

	"github.com/godbus/dbus/v5"
)

// SessionBus reports whether a status item can be shown here. On Linux
// that needs a D-Bus session bus (StatusNotifierItem is a D-Bus protocol);
// without one, such as under a bare `wails build` or ssh, the app runs
// without a tray icon. It never starts a bus.
func SessionBus() error {
	if runtime.GOOS != "linux" {
		return nil
	}
	conn, err := dbus.SessionBusPrivateNoAutoStartup()
	if err != nil {
		return fmt.Errorf("no D-Bus session bus for the tray icon: %w", err)
	}
	defer conn.Close()
	if err := conn.Auth(nil); err != nil {
		return fmt.Errorf("no D-Bus session bus for the tray icon: %w", err)
	}
	if err := conn.Hello(); err != nil {
		return fmt.Errorf("no D-Bus session bus for the tray icon: %w", err)
	}
	return nil
}
