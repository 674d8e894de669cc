// Package enpass reads Enpass's JSON export: folders (nested by
// parent_uuid) and items, each with a category, a template and typed
// fields (username, password, url, totp, email, card fields, ...), some
// marked sensitive, some trashed or archived.
//
// Pure; fuzzed.
package enpass
