package store

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncData makes f's data durable without its timestamps: enough for a
// file rewritten in place at the same size (the commit file), and cheaper
// than fsync, which also commits the inode's modification time.
func syncData(f *os.File) error { return unix.Fdatasync(int(f.Fd())) }
