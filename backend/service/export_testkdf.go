//go:build vaultbar_testkdf

package service

import (
	"os"

	"vaultbar/backend/crypto"
)

// Test binaries built with -tags vaultbar_testkdf and run with
// VAULTBAR_TEST_LIGHT_KDF=1 seal exports with a cheap Argon2id (see
// sync_testkdf.go); release builds never carry the tag.
func init() {
	if os.Getenv("VAULTBAR_TEST_LIGHT_KDF") == "1" {
		exportKDF = crypto.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}
	}
}
