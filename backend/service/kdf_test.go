package service

import "vaultbar/backend/crypto"

// lightKDF makes key derivation cheap in tests, through the store's
// test-only CreateOptions.KDF; nothing outside tests sets testKDF.
var lightKDF = &crypto.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}
