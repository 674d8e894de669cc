package interchange

import (
	"time"

	"vaultbar/backend/model"
)

// Item is one entry of a source file: a login, a card, a note, ...
type Item struct {
	// Type is the Vaultbar built-in type id the source's category maps to
	// ("login", "credit-card", "identity", "secure-note", ...), or "" when
	// none fits; TypeName then names the source's own category ("Router"),
	// which the mapping turns into a record type of that name.
	Type     string
	TypeName string

	Title    string
	Notes    string
	Favorite bool
	// Group is the source's folder, nested paths flattened to one readable
	// name ("Work / Servers"); "" for none.
	Group string
	Tags  []string
	// Fields in the source's order. Nothing is dropped: a value the source
	// has that no built-in field takes is a custom field.
	Fields   []Field
	History  []Version
	Created  time.Time // zero when the source does not say
	Modified time.Time
	Archived bool // 1Password archived, ...
	Trashed  bool // in the source's trash or recycle bin
	// Attachments names files attached in the source; they are reported,
	// not imported.
	Attachments []string
}

// Field is one value of an item.
type Field struct {
	// Key is the built-in field id of the item's Type that this value fills
	// ("username", "password", "url", "otp", "number", ...), or "" for a
	// custom field, which keeps Label.
	Key   string
	Label string
	// Kind says how a custom field's value is shown and protected; for a
	// built-in Key the type's own kind wins.
	Kind  model.FieldKind
	Value string
}

// Version is an earlier state of an item's fields, where the source keeps
// history (KeePass entry history, Bitwarden password history).
type Version struct {
	Time   time.Time
	Fields []Field
}

// Result is everything a parser read from one file.
type Result struct {
	Format   string // a person's name for the format: "KeePass KDBX 4", "Bitwarden JSON (encrypted)"
	Items    []Item
	Skipped  []Skip   // entries not imported, each with its reason
	Warnings []string // anything else the user should know, one sentence each
	// Encrypted says the source file was encrypted at rest; when false the
	// app and the CLI remind the user to delete the plaintext file.
	Encrypted bool
	// Entities is set instead of Items by a Vaultbar export: the vault's
	// own states (records with their history, groups, types), which an
	// import merges as they are.
	Entities []*model.Entity
	// Columns is the column mapping a generic CSV was read with (given or
	// guessed), one per header column in the file's order; nil for the
	// other formats.
	Columns []Column
}

// Column is one header column of a generic CSV and the field key it
// fills: a key of Options.Columns, "" for an extra field named after the
// header, "-" for a column left out.
type Column struct {
	Header string `json:"header"`
	Key    string `json:"key"`
}

// Skip is an entry a parser could not import.
type Skip struct {
	Title  string
	Reason string
}
