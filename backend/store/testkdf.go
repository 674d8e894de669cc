//go:build vaultbar_testkdf

package store

import (
	"os"

	"vaultbar/backend/crypto"
)

// End-to-end test binaries are built with -tags vaultbar_testkdf and run
// with VAULTBAR_TEST_LIGHT_KDF=1, so creating a vault or changing its
// password takes microseconds. Release builds never carry the tag, so no
// setting can weaken a real vault.
func init() {
	if os.Getenv("VAULTBAR_TEST_LIGHT_KDF") == "1" {
		newParams = func() crypto.KDFParams { return crypto.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1} }
	}
}
