// Package model is Vaultbar's record model: records, groups and record types,
// and the clock stamps, tombstones and history that let devices merge their
// edits later without losing any.
//
// Everything the user can change is an Entity: an id, a kind and a map of
// last-writer-wins registers, each stamped by a hybrid logical clock. Typed
// views (Record, Group, Type) are built from entities for callers; edits go
// through Vault methods, which stamp only the registers that really changed so
// that concurrent edits of different fields on two devices both survive.
//
// The package is pure: no I/O, no crypto. Bytes on disk are package format's
// business; merging of remote state is package merge's.
package model
