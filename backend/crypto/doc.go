// Package crypto holds Vaultbar's cryptography, all of it from the standard
// library and golang.org/x/crypto: Argon2id turns a password into a key,
// XChaCha20-Poly1305 seals data, and random data keys are wrapped (sealed)
// by password keys so that changing a password re-wraps one key instead of
// re-encrypting a vault.
//
// Nothing here does I/O or knows file layouts; package format decides which
// bytes are authenticated as associated data.
package crypto
