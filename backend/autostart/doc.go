// Package autostart makes "Open at login" real: it adds, checks and removes
// the entry that starts Vaultbar when the user logs in.
//
// On Linux (and other free desktops) that entry is an XDG autostart desktop
// file, $XDG_CONFIG_HOME/autostart/vaultbar.desktop. On macOS it is a
// LaunchAgent plist in ~/Library/LaunchAgents. Both formats are rendered
// and parsed by pure functions in platform-independent files, so both are
// tested on Linux; only the choice of Default lives in per-platform files.
//
// Entries are written atomically (temp file, fsync, rename, fsync the
// folder), so a crash never leaves a half-written entry that a session
// manager would trip over. Nothing here imports Wails.
package autostart
