package interchange

import (
	"errors"
	"fmt"
)

// Options are what a parser may need besides the file's bytes.
type Options struct {
	Password []byte // for encrypted sources (KDBX, Bitwarden encrypted JSON)
	KeyFile  []byte // KeePass key file contents, nil when none
	// Columns maps a generic CSV's header names to field keys ("title",
	// "username", "password", "url", "notes", "otp", "group"); nil lets the
	// parser guess.
	Columns map[string]string
}

// Format is one importable file format. Formats are listed explicitly by
// the package that gathers them, not registered in init().
type Format struct {
	ID   string // the CLI's --format value: "kdbx", "bitwarden-json", ...
	Name string // a person's name: "KeePass (KDBX)"
	// Sniff reports whether a file with this name and first bytes is in
	// this format. It must be cheap and never fail.
	Sniff func(name string, head []byte) bool
	Parse func(data []byte, opt Options) (Result, error)
}

// Errors callers branch on. Parsers wrap them with the detail.
var (
	ErrUnknownFormat = errors.New("not a format Vaultbar can import")
	ErrNeedsPassword = errors.New("the file is encrypted and needs its password")
	ErrWrongPassword = errors.New("wrong password or key file for this file")
	ErrDamaged       = errors.New("the file is damaged or cut short")
	ErrNewerVersion  = errors.New("the file is from a newer version of its program")
	ErrColumns       = errors.New("the file's columns are not the ones this format has")
	ErrTooLarge      = errors.New("the file is too large to import")
)

// ColumnError is a column mapping (Options.Columns) that doesn't fit the
// file: a key Vaultbar doesn't know, or a header the file hasn't. It
// carries the file's headers so the hint can list them. It is an
// ErrColumns.
type ColumnError struct {
	Header, Key string   // the pair that doesn't fit
	Headers     []string // the file's header row
	UnknownKey  bool     // Key is not a field key; else Header is not in the file
}

func (e *ColumnError) Error() string {
	if e.UnknownKey {
		return fmt.Sprintf("column %q can't be mapped to %q, which is not a field", e.Header, e.Key)
	}
	return fmt.Sprintf("the file has no column %q", e.Header)
}

func (e *ColumnError) Unwrap() error { return ErrColumns }

// ColumnKeys are the field keys a column can be mapped to, in the order
// the import sheet offers them.
var ColumnKeys = []string{"title", "username", "password", "url", "notes", "otp", "group", "tags", "favorite"}

// MaxFileSize bounds what an import reads into memory.
const MaxFileSize = 256 << 20
