// Package icloudsim is a simulated file-sync service for tests: each
// simulated device has its own folder, and Step copies files between them the
// way iCloud Drive, Dropbox and Syncthing do at their worst: late and in
// random order, half-written first, as conflict copies when two devices
// changed one file, evicted to placeholders (".name.icloud") or dataless
// files until someone asks for them, and with deletions propagated.
//
// It is deterministic for a seed and driven by steps, so tests need no
// sleeps. It is safe for concurrent use: engines may ask for downloads from
// their own goroutines.
package icloudsim
