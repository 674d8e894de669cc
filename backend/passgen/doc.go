// Package passgen generates passwords and passphrases with crypto/rand and
// estimates how strong a password is.
//
// It lives in Go rather than in the frontend so that every random choice
// comes from the operating system's CSPRNG through one audited function
// (crypto/rand.Int, which has no modulo bias), the CLI can offer the same
// generator, and the strength the generator reports agrees with the meter
// the UI shows for passwords people type. Pure apart from crypto/rand.
package passgen
