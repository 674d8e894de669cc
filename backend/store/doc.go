// Package store keeps the local vault on disk: one folder holding
//
//	vault.vbv   the snapshot: every entity, sealed (see package format)
//	vault.vbj   the journal: saves appended since the snapshot, one frame each
//	vault.vbc   the commit: how many frames the journal held when a save returned
//	vault.lock  flock(2)ed while a Store is open, so one process owns the vault
//	backups/    earlier snapshots, vault-<UTC yyyymmdd-hhmmss>.vbv, each
//	            with the journal (.vbj) and commit (.vbc) that extended it
//
// A save appends one sealed frame to the journal and syncs it, then
// rewrites one of the commit's two slots in place (synced when the store
// closes: the commit may lag the durable journal after a power cut, never
// lead it), so an edit costs a few hundred bytes and one disk flush however
// large the vault is. The commit is what tells a journal cut short,
// emptied or deleted from a shorter one.
// The store cannot rewrite the snapshot by itself because only the caller
// holds the full state; instead NeedsCompaction reports when the journal
// has grown past a quarter of the snapshot (at most 4 MiB), when a failed
// save left it unusable, or when it holds saves of an earlier session, and
// the caller then passes everything to Compact:
//
//	if st.NeedsCompaction() { err = st.Compact(vault.Entities(), local) }
//	if err := st.Append(changed, local); err != nil { ... }
//	if st.NeedsCompaction() { err = st.Compact(vault.Entities(), local) }
//
// Open itself only reads (it replays the journal, and even a torn tail is
// cut by the next Append, not by Open), so a session that saves nothing —
// a command refused for its input, a listing — changes no file, and the
// earlier session's journal is folded in (keeping a backup) by the first
// session that saves.
//
// Compact writes a new snapshot with the next generation (temp file, fsync,
// rename, fsync folder), keeps the old one as a backup by hard link, then
// moves the journal and commit beside that backup. A crash anywhere leaves
// either the old snapshot and its journal, or the new snapshot and a
// journal of an older generation, which opening recognises as already
// contained and retires. A torn last frame the commit does not vouch for is
// an append that never returned, so it is dropped.
//
// Damage anywhere else is a *CorruptError, and Open writes nothing. Its
// Report says what Recover would rebuild: the merge of every snapshot,
// backup and journal frame that authenticates, written as a new snapshot;
// damaged files are renamed *.damaged-<time>. Nothing the user typed is
// ever deleted.
package store
