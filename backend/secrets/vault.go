package secrets

import "fmt"

// A SecretBag is the part of the encrypted local vault that keeps a few
// named strings for Vaultbar itself. The vault service satisfies it; values
// are encrypted with the vault and never reach the disk in plaintext.
type SecretBag interface {
	GetSecret(key string) (string, bool)
	SetSecret(key, value string) error
	DeleteSecret(key string) error
}

// VaultStore is the Store of last resort: it keeps secrets inside the
// encrypted vault when no platform secret store is available. Unlike the
// Keychain, the secret is then only readable while the vault is unlocked.
type VaultStore struct {
	Bag SecretBag
}

var _ Store = VaultStore{}

// Name implements Store.
func (VaultStore) Name() string { return "the encrypted vault" }

// Set implements Store.
func (v VaultStore) Set(account string, secret []byte) error {
	if err := checkSet(account, secret); err != nil {
		return err
	}
	if err := v.Bag.SetSecret(bagKey(account), string(secret)); err != nil {
		return fmt.Errorf("vault: store secret %q: %w", account, err)
	}
	return nil
}

// Get implements Store.
func (v VaultStore) Get(account string) ([]byte, error) {
	if err := checkAccount(account); err != nil {
		return nil, err
	}
	s, ok := v.Bag.GetSecret(bagKey(account))
	if !ok {
		return nil, fmt.Errorf("vault: %q: %w", account, ErrNotFound)
	}
	return []byte(s), nil
}

// Delete implements Store.
func (v VaultStore) Delete(account string) error {
	if err := checkAccount(account); err != nil {
		return err
	}
	if _, ok := v.Bag.GetSecret(bagKey(account)); !ok {
		return nil
	}
	if err := v.Bag.DeleteSecret(bagKey(account)); err != nil {
		return fmt.Errorf("vault: delete secret %q: %w", account, err)
	}
	return nil
}

// bagKey namespaces our keys among whatever else the bag holds.
func bagKey(account string) string {
	return Service + "/" + account
}
