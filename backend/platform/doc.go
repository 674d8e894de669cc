// Package platform holds the few operating-system specifics that sync needs:
// where iCloud Drive lives, what the system says about iCloud (the app's
// ubiquity container, whether iCloud is signed in and iCloud Drive on), how
// to ask for a file iCloud has evicted, and how to tell a file whose content
// is not on disk yet. macOS code sits in _darwin.go files and calls
// Foundation through purego, without cgo, so it builds anywhere; every other
// system gets the plain-folder behaviour, so everything above this package
// runs and is tested on Linux. ParsePlist reads the XML property lists
// involved (the account file, the bundle's Info.plist and entitlements).
package platform
