package format

import (
	"errors"
	"fmt"
)

// Errors callers branch on. Parsers wrap them with what exactly was wrong.
var (
	ErrNotVault     = errors.New("not a Vaultbar file")
	ErrNewerVersion = errors.New("written by a newer version of Vaultbar; update Vaultbar to open it")
	ErrTruncated    = errors.New("file is cut short")
	ErrCorrupt      = errors.New("file is damaged")
)

// VersionError is returned for a file whose format version this build does
// not know. It matches ErrNewerVersion with errors.Is.
type VersionError struct {
	Version   uint16 // found in the file
	Supported uint16 // the newest this build reads
}

func (e *VersionError) Error() string {
	return fmt.Sprintf("file format %d was %v", e.Version, ErrNewerVersion)
}

func (e *VersionError) Unwrap() error { return ErrNewerVersion }

func corrupt(format string, args ...any) error {
	return fmt.Errorf(format+": %w", append(args, ErrCorrupt)...)
}

func truncated(what string) error {
	return fmt.Errorf("%s: %w", what, ErrTruncated)
}

func fmtNotVault(what string) error {
	return fmt.Errorf("%s: %w", what, ErrNotVault)
}
