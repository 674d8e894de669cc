// Package platform holds the few operating-system specifics that sync needs:
// where iCloud Drive lives, how to ask for a file iCloud has evicted, and how
// to tell a file whose content is not on disk yet. macOS code sits in
// _darwin.go files; every other system gets the plain-folder behaviour, so
// everything above this package runs and is tested on Linux.
package platform
