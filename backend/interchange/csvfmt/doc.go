// Package csvfmt reads the comma-separated exports of browsers and simple
// password managers: Chrome/Edge, Firefox, Safari/Apple Passwords,
// KeePassXC's CSV and a generic CSV whose columns the user maps. It also
// holds the bounded CSV reader and the column-to-field mapping the other
// CSV-based parsers (1Password, Bitwarden, mSecure) share.
//
// Pure: bytes in, interchange.Result out. Every parser is fuzzed.
package csvfmt
