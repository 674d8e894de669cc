// Package render writes the plaintext export formats, from interchange
// Items: CSV (Vaultbar's documented column set, which csvfmt.Vaultbar reads back)
// and Bitwarden JSON (unencrypted; the Bitwarden reader is its own
// package). KeePass and Vaultbar's own export live in their packages.
// Pure.
package render
