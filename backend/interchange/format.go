package interchange

import "errors"

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

// MaxFileSize bounds what an import reads into memory.
const MaxFileSize = 256 << 20
