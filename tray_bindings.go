//go:build bindings

package main

// generatingBindings is true in the binary `wails build` runs to generate
// the JavaScript bindings: it must not touch the desktop.
const generatingBindings = true
