package store

import (
	"time"

	"vaultbar/backend/crypto"
)

// newParams picks key-derivation parameters for a new password: about half
// a second on this machine, never below crypto.MinParams. Test builds may
// replace it (see testkdf.go); nothing a user runs can.
var newParams = func() crypto.KDFParams { return crypto.Calibrate(500 * time.Millisecond) }

// deriveKey is crypto.DeriveKey; benchmarks wrap it to time the KDF apart.
var deriveKey = crypto.DeriveKey
