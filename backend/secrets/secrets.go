package secrets

import (
	"errors"
	"fmt"
)

// Service names every item Vaultbar keeps in a platform secret store.
const Service = "Vaultbar Cloud Sync"

var (
	// ErrNotFound is returned by Get when no secret is stored for the account.
	ErrNotFound = errors.New("secret not found")

	// ErrUnavailable is returned when no secret store answers: no Keychain,
	// no session bus, no Secret Service, or no keyring it can write to.
	// Callers keep the secret in the encrypted vault instead (see Fallback).
	ErrUnavailable = errors.New("no secret store is available")
)

// A Store keeps small secrets, one per account, under Service.
//
// Implementations never write a secret to disk in plaintext, and never
// prompt from a method other than Set, Get and Delete.
type Store interface {
	// Set stores secret for account, replacing any secret already there.
	Set(account string, secret []byte) error

	// Get returns the secret stored for account, or an error wrapping
	// ErrNotFound when there is none.
	Get(account string) ([]byte, error)

	// Delete removes the secret stored for account. Deleting an absent
	// secret is not an error.
	Delete(account string) error

	// Name says where secrets are kept, for a person to read:
	// "macOS Keychain", "Secret Service (gnome-keyring)", "the encrypted vault".
	Name() string
}

// Default returns the platform's secret store: the macOS Keychain on macOS,
// the Secret Service elsewhere. It does no I/O; the first call that cannot
// reach the store returns an error wrapping ErrUnavailable.
func Default() Store {
	return platformStore()
}

func checkAccount(account string) error {
	if account == "" {
		return errors.New("empty account name")
	}
	return nil
}

func checkSet(account string, secret []byte) error {
	if err := checkAccount(account); err != nil {
		return err
	}
	if len(secret) == 0 {
		// An empty sync password is never meant; storing one would make
		// "absent" and "empty" indistinguishable on some stores.
		return fmt.Errorf("empty secret for account %q", account)
	}
	return nil
}
