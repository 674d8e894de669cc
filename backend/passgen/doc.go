// Package passgen generates passwords and passphrases with crypto/rand and
// estimates how strong a password is.
//
// It lives in Go rather than in the frontend so that every random choice
// comes from the operating system's CSPRNG through one audited function
// (crypto/rand.Int, which has no modulo bias), the CLI can offer the same
// generator, and the app's meter and the CLI show one strength for a typed
// password: Estimate, zxcvbn's guess count on the first EstimateLimit
// characters. A generated password is rated by the entropy it was made
// with, which is known exactly. Pure apart from crypto/rand.
package passgen
