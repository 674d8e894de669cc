//go:build !linux

package store

import "os"

// syncData is f.Sync where there is no fdatasync(2) (on macOS, Sync is
// F_FULLFSYNC, which a commit needs anyway).
func syncData(f *os.File) error { return f.Sync() }
