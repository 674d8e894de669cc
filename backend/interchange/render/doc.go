// Package render writes the plaintext export formats that have no reader
// of Vaultbar's own: CSV (Vaultbar's documented column set) and Bitwarden
// JSON (unencrypted), from interchange Items. KeePass and Vaultbar's own
// export live in their packages. Pure.
package render
