//go:build unix

package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// lockDir takes an exclusive flock on the folder's lock file. flock locks
// belong to an open file description, so a second open, in this process or
// another, conflicts; the kernel drops the lock if the process dies. The lock
// file is never deleted: deleting it would let two processes lock two files.
//
// In a folder nobody can write there is nothing to protect, and no lock file
// can be created, so the vault opens unlocked and read-only in effect.
func lockDir(dir string) (*os.File, error) {
	path := filepath.Join(dir, lockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil && readOnly(err) && unix.Access(dir, unix.W_OK) != nil {
		if f, err = os.Open(path); err != nil {
			return nil, nil
		}
	}
	if err != nil && notAFile(path) {
		// A link to nowhere in its place: O_CREATE can't make it.
		return nil, &FileError{Path: path, Err: fmt.Errorf("%w: %w", ErrNotAFile, err)}
	}
	if err != nil {
		// A lock file that can't be opened in a writable folder (a
		// folder in its place, its permissions) would let two processes
		// in at once: name the cause.
		return nil, fileErr("opening the lock file", path, err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, ErrLocked
		}
		return nil, fsErr("locking "+path, err)
	}
	return f, nil
}

// notAFile reports whether something other than a plain file is at path.
func notAFile(path string) bool {
	info, err := os.Lstat(path)
	return err == nil && !info.Mode().IsRegular()
}

// blockedBy names what a person must fix when path can't be reached: the
// outermost folder above it this user may not search (chmod on path itself
// can't help there), or else path.
func blockedBy(path string) string {
	blocked := path
	for dir := filepath.Dir(path); ; dir = filepath.Dir(dir) {
		if unix.Access(dir, unix.X_OK) != nil {
			blocked = dir
		}
		if filepath.Dir(dir) == dir {
			return blocked
		}
	}
}

func unlockDir(f *os.File) {
	if f != nil {
		unix.Flock(int(f.Fd()), unix.LOCK_UN)
		f.Close()
	}
}
