// Package watch tells when a sync folder may have changed: fsnotify on the
// folder and its subfolders, plus a periodic signal in case the file system
// (a network share, a FUSE mount, iCloud's own daemon) sends no events.
// Bursts of events are debounced into one signal. It says only "look again";
// what changed is for the reader's scan to find.
package watch
