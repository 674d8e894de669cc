//go:build !(linux && cgo) && !(darwin && cgo)

package hotkey

import "fmt"

// Available is false: this build has no global shortcut (no cgo, or an
// operating system Vaultbar does not support).
func Available() (bool, string) { return false, "this build of Vaultbar has no global shortcut" }

// Register always fails with ErrUnavailable here.
func Register(s Shortcut) (Binding, error) {
	return nil, fmt.Errorf("%s: %w", s, ErrUnavailable)
}
