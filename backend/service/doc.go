// Package service is the vault as the app and the CLI use it: one
// VaultService per process unlocks the encrypted vault file, applies the
// user's edits to the in-memory model, saves each edit to the file's journal
// before it returns, and tells subscribers what changed.
//
// It also implements syncer.Replica, so the sync engine reads unpublished
// edits and merges other devices' entities through the same lock as the
// user's edits, and it keeps the device-local, non-secret preferences in
// settings.json beside the vault (with a copy of sync's location inside
// the vault, which brings it back when settings.json is damaged).
//
// Restoring a backup is a set of new edits through the same path as the
// user's (backups.go, restoreplan.go), so the restore is journaled, marked
// unpublished and carried by sync like any edit, and no device diverges.
//
// Nothing here imports Wails: the CLI and the tests run headless. Explain
// turns the errors this package returns into a sentence and a hint that a
// person can act on; the CLI prints them and the UI shows them.
package service
