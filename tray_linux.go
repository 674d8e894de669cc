//go:build linux

package main

import (
	"context"
	"log"
	"os"
	"strings"
	"time"

	"github.com/godbus/dbus/v5"

	"vaultbar/backend/tray"
)

func (b *menuBar) beforeRun() {}

// startPlatform shows the tray icon once the app runs, never before:
// `wails build` runs the binary to generate bindings. The icon is a D-Bus
// StatusNotifierItem, so it needs a session bus; without one the app runs
// as a window only.
func (b *menuBar) startPlatform(context.Context) {
	if err := tray.SessionBus(); err != nil {
		log.Printf("vaultbar: %v; running without a tray icon", err)
		return
	}
	if !b.firstInstance(3 * time.Second) {
		return
	}
	b.startItem()
}

// firstInstance reports whether this process holds the single-instance
// lock. On Linux Wails runs OnStartup while it is still taking the lock,
// and a second instance only exits once it finds the first: it must not
// show a second tray icon meanwhile. If no one takes the lock in time (no
// lock was possible), it reports true.
func (b *menuBar) firstInstance(wait time.Duration) bool {
	conn, err := dbus.SessionBusPrivateNoAutoStartup()
	if err != nil {
		return true
	}
	defer conn.Close()
	if conn.Auth(nil) != nil || conn.Hello() != nil {
		return true
	}
	// Wails' name for the lock, see its linux SetupSingleInstance.
	name := "org.wails_app_" + strings.NewReplacer("-", "_", ".", "_").Replace(instanceID(b.home)) + ".SingleInstance"
	for deadline := time.Now().Add(wait); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var pid uint32
		if conn.BusObject().Call("org.freedesktop.DBus.GetConnectionUnixProcessID", 0, name).Store(&pid) == nil {
			return int(pid) == os.Getpid()
		}
	}
	return true
}
