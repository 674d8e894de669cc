//go:build vaultbar_testkdf

package service

import (
	"os"

	"vaultbar/backend/crypto"
)

// End-to-end test binaries are built with -tags vaultbar_testkdf and run
// with VAULTBAR_TEST_LIGHT_KDF=1, so wrapping the sync data key takes
// microseconds (the store does the same for the vault, store/testkdf.go).
// Release builds never carry the tag, so no setting can weaken a key file.
func init() {
	if os.Getenv("VAULTBAR_TEST_LIGHT_KDF") == "1" {
		syncTestKDF = &crypto.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}
	}
}
