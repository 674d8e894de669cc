// Package onepassword reads 1Password's exports: the 1PUX file (a zip whose
// export.data JSON holds accounts → vaults → items, each item a category,
// login fields, sections of typed fields, URLs, tags, history) and the
// 1Password 8 CSV.
//
// The zip is bounded before anything is inflated: its entry count, and the
// declared and actual size of export.data. Pure; every parser is fuzzed.
package onepassword
