// Package traytest reads a status item the way a desktop panel does, for
// tests: a private session bus (StartBus), a minimal StatusNotifierWatcher
// that items register with (Watcher), and a com.canonical.dbusmenu client
// that reads the dropdown and clicks its items (Menu).
package traytest
