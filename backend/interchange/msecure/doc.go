// Package msecure reads the CSV exports of mSecure, the app most of our
// users come from: mSecure 4/5 (no header; Group, Type, Description, Notes,
// then the type's fields by position) and mSecure 6 (a "mSecure6 CSV
// export file" first line; Title|id, Template, Tags, Note, then one
// Label|typeCode|value cell per field).
//
// The layouts were learnt from mSecure's support articles on CSV import and
// from public importers' tests; see the testdata for what each row holds.
// Pure; fuzzed.
package msecure
