// Package format is the versioned byte layout of Vaultbar's local vault:
// the entity codec, the vault file container and the journal of appended
// frames. It parses and builds bytes only. It does no I/O and calls no
// cryptography; it decides which bytes each seal authenticates (WrapAD,
// PayloadAD, FrameAD) so that package store can't get that wrong.
//
// Every parser treats its input as hostile: each length is checked against
// the bytes that remain before anything is allocated, and each parser has a
// fuzz target.
//
// Vault file (vault.vbv), all integers big-endian:
//
//	magic       "VAULTBAR-VAULT\n"           15 bytes
//	version     uint16                       1
//	vault id    16 bytes
//	kdf         time uint32, memory KiB uint32, threads uint8
//	salt        uint8 length, bytes
//	wrapped key uint16 length, bytes          data key sealed by the password key
//	generation  uint64                       +1 on every snapshot
//	payload     uint64 length, bytes          sealed by the data key
//
// Journal file (vault.vbj):
//
//	magic       "VAULTBAR-JOURNAL\n"         17 bytes
//	version     uint16                       1
//	vault id    16 bytes
//	generation  uint64                       of the snapshot the frames extend
//	frames      length uint32, generation uint64, sequence uint64,
//	            crc32c of those 20 bytes, then length bytes sealed by the data key
package format
