// Package store keeps the local vault on disk: one folder holding
//
//	vault.vbv   the snapshot: every entity, sealed (see package format)
//	vault.vbj   the journal: saves appended since the snapshot, one frame each
//	vault.lock  flock(2)ed while a Store is open, so one process owns the vault
//	backups/    the last ten snapshots, vault-<UTC yyyymmdd-hhmmss>.vbv
//
// A save appends one sealed frame to the journal and fsyncs it, so an edit
// costs a few hundred bytes however large the vault is. The store cannot
// rewrite the snapshot by itself because only the caller holds the full
// state; instead NeedsCompaction reports when the journal has grown past a
// quarter of the snapshot (at most 4 MiB) or when a failed save left it
// unusable, and the caller then passes everything to Compact:
//
//	if err := st.Append(changed, local); err != nil { ... }
//	if st.NeedsCompaction() { err = st.Compact(vault.Entities(), local) }
//
// Compact writes a new snapshot with the next generation (temp file, fsync,
// rename, fsync folder), keeps the old one as a backup by hard link, then
// deletes the journal. A crash anywhere leaves either the old snapshot and
// its journal, or the new snapshot and a journal of an older generation,
// which opening recognises as already contained and ignores. A torn last
// frame is an append that never returned, so it is dropped; damage anywhere
// else is a *CorruptError naming the newest backup that opens.
//
// Open compacts when the journal holds frames, so every session that saved
// anything leaves one backup. Nothing the user typed is ever deleted:
// restoring a backup sets the current files aside as *.damaged-<time>.
package store
