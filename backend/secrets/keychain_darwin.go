//go:build darwin && cgo

package secrets

import (
	"errors"
	"fmt"

	keychain "github.com/keybase/go-keychain"
)

// Keychain keeps secrets as generic-password items in the user's login
// keychain, through the Security framework (never the `security` tool).
type Keychain struct{}

var _ Store = Keychain{}

// Name implements Store.
func (Keychain) Name() string { return "macOS Keychain" }

// Set implements Store. The item is readable only while the Mac is unlocked
// and is not synchronised to iCloud Keychain: the sync password travels
// with the user, not with the keychain.
func (Keychain) Set(account string, secret []byte) error {
	if err := checkSet(account, secret); err != nil {
		return err
	}
	item := keychain.NewGenericPassword(Service, account, label(account), secret, "")
	item.SetSynchronizable(keychain.SynchronizableNo)
	item.SetAccessible(keychain.AccessibleWhenUnlocked)
	err := keychain.AddItem(item)
	if errors.Is(err, keychain.ErrorDuplicateItem) {
		update := keychain.NewItem()
		update.SetData(secret)
		err = keychain.UpdateItem(query(account), update)
	}
	return keychainError("store", account, err)
}

// Get implements Store.
func (Keychain) Get(account string) ([]byte, error) {
	if err := checkAccount(account); err != nil {
		return nil, err
	}
	q := query(account)
	q.SetMatchLimit(keychain.MatchLimitOne)
	q.SetReturnData(true)
	results, err := keychain.QueryItem(q)
	if err != nil {
		return nil, keychainError("read", account, err)
	}
	if len(results) == 0 {
		return nil, fmt.Errorf("macos keychain: %q: %w", account, ErrNotFound)
	}
	return results[0].Data, nil
}

// Delete implements Store.
func (Keychain) Delete(account string) error {
	if err := checkAccount(account); err != nil {
		return err
	}
	err := keychain.DeleteItem(query(account))
	if errors.Is(err, keychain.ErrorItemNotFound) {
		return nil
	}
	return keychainError("delete", account, err)
}

func query(account string) keychain.Item {
	q := keychain.NewItem()
	q.SetSecClass(keychain.SecClassGenericPassword)
	q.SetService(Service)
	q.SetAccount(account)
	q.SetSynchronizable(keychain.SynchronizableNo)
	return q
}

func keychainError(op, account string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, keychain.ErrorNotAvailable), errors.Is(err, keychain.ErrorNoSuchKeychain):
		return fmt.Errorf("macos keychain: %s %q: %w (%w)", op, account, ErrUnavailable, err)
	}
	return fmt.Errorf("macos keychain: %s %q: %w", op, account, err)
}
