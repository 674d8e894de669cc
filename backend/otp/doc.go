// Package otp computes time-based one-time passwords (TOTP, RFC 6238) from
// the secret a site shows when two-factor login is set up: either the bare
// base32 key or the otpauth://totp/ URI its QR code holds.
//
// It is pure (standard library only, no I/O) so the app, the CLI and tests
// compute the same codes; the caller passes the time.
package otp
