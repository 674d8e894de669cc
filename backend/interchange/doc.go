// Package interchange is the import model: what a file from another
// password manager says, before it becomes Vaultbar records, and what an
// export writes. Each format family lives in a subpackage that parses bytes
// into a Result (and, for export formats, renders Items back into bytes)
// without touching a vault; the mapping onto record types and the preview
// live beside the model here, and backend/service applies them.
//
// Pure: no file system, no vault, no clock. Parsers are fuzzed.
package interchange
