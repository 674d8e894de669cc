// Package native is Vaultbar's own export: one file holding the vault's
// records, groups and record types as the entity states the vault keeps
// (every field, its history, its stamps), sealed with a password of its
// own. Importing it merges those states, so an export opens on any device
// exactly as it was, and importing it twice changes nothing.
//
// Layout (all integers big-endian):
//
//	"VAULTBAR-EXPORT\n"  magic
//	uint16               version (1)
//	uint32 uint32 uint8  Argon2id time, memory (KiB), threads
//	uint8 + bytes        salt
//	sealed               XChaCha20-Poly1305 (nonce ‖ ciphertext) of the
//	                     entity codec's bytes, with every byte above as
//	                     associated data
//
// Pure: bytes in, bytes out; the KDF parameters a file asks for are
// bounded before deriving.
package native
