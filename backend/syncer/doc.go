// Package syncer keeps devices in step through an end-to-end encrypted sync
// folder that a file-sync service (iCloud Drive, Dropbox, Syncthing, a
// network share) copies between them.
//
// The engine talks to the local vault only through Replica, and to the
// folder only through package syncfolder. Each device writes only its own
// files: key files (the sync data key of an epoch, wrapped by the cloud sync
// password), change files (the full state of the entities it changed since
// its last publish) and snapshots (its full state). Files hold entity states,
// not operations, so merging them is idempotent and order-independent: files
// may arrive late, twice, out of order or as conflict copies, and every
// device still converges. Every payload is sealed with the facts of its
// canonical name as associated data, so a damaged, truncated, renamed or
// swapped file fails to open and is ignored, never applied.
//
// Key files are chained (keys*.go): a password change writes the next
// epoch's key file sealed also by the current epoch's key, and a device
// follows only a change chained to the key it holds; any other key file is
// ignored and reported, so no file anyone can write stops sync. The new key
// file carries cutoffs (each device's last seq under the older epochs), so
// the replaced password writes nothing that is accepted afterwards.
//
// A sync reads first (other devices' new files, applied through
// Replica.Apply), then writes (this device's unpublished entities as one
// change file, and now and then a snapshot that replaces its older files).
// The scheduler decides when: after a quiet period following edits, never
// later than a cap, when the folder changes, and on demand.
package syncer
