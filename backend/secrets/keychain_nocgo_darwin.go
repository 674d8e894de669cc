//go:build darwin && !cgo

package secrets

import "fmt"

// Keychain would keep secrets in the macOS Keychain, but this binary was
// built without cgo, which the Security framework needs. Every call returns
// ErrUnavailable so that callers fall back to the encrypted vault.
type Keychain struct{}

var _ Store = Keychain{}

var errNoCgo = fmt.Errorf("macos keychain: built without cgo: %w", ErrUnavailable)

// Name implements Store.
func (Keychain) Name() string { return "macOS Keychain" }

// Set implements Store.
func (Keychain) Set(string, []byte) error { return errNoCgo }

// Get implements Store.
func (Keychain) Get(string) ([]byte, error) { return nil, errNoCgo }

// Delete implements Store.
func (Keychain) Delete(string) error { return errNoCgo }
