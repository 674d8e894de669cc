// Package bitwarden reads Bitwarden's exports: the .json export (plain, or
// "password protected", which it decrypts here) and the .csv export.
//
// A password-protected export derives a key from the password (PBKDF2-SHA256
// or Argon2id, parameters read from the file and bounded first), expands it
// with HKDF into an AES-256-CBC key and an HMAC-SHA256 key, and checks the
// file's validation string before anything else, so a wrong password is
// interchange.ErrWrongPassword and a damaged payload ErrDamaged. An export
// encrypted with the account's own key can't be opened outside Bitwarden
// and is refused with ErrAccountEncrypted.
//
// Pure; every parser is fuzzed.
package bitwarden
