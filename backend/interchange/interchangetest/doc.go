// Package interchangetest holds helpers for the format packages' tests:
// reading testdata, building and comparing Items and Fields, and the body
// every parser fuzz target shares. It is imported by _test.go files only.
package interchangetest
