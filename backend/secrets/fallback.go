package secrets

import (
	"errors"
	"sync"
)

// Fallback keeps secrets in a primary store while it answers, and in the
// encrypted vault while it does not (any error wrapping ErrUnavailable,
// e.g. a headless Linux machine with no keyring). The secret is never
// written anywhere in plaintext on either path.
//
// Reads look in both places, so a secret stored while the keyring was away
// is still found once it is back; the next Set moves it to the keyring.
type Fallback struct {
	primary Store
	vault   VaultStore

	mu    sync.Mutex
	cause error // why the last operation used the vault; nil if it used primary
}

var _ Store = (*Fallback)(nil)

// A prober can tell, without prompting or writing, whether it could keep a
// secret now. SecretService is one: its keyring may answer searches yet
// have no collection to write to.
type prober interface{ Probe() error }

// probeAccount is an account no caller uses. Asking for it shows whether a
// store that is not a prober answers, without prompting and without writing.
const probeAccount = ".vaultbar-probe"

// WithFallback returns a Store that uses primary, and the vault through bag
// whenever primary is unavailable. It does no I/O; call Probe to learn
// where secrets will go.
func WithFallback(primary Store, bag SecretBag) *Fallback {
	return &Fallback{primary: primary, vault: VaultStore{Bag: bag}}
}

// Probe asks the primary store whether it answers, without prompting the
// user. It returns nil when it does, or the reason secrets are kept in the
// vault instead (wrapping ErrUnavailable), for a status line such as "the
// cloud sync password is kept in the encrypted vault because no keyring
// is available".
func (f *Fallback) Probe() error {
	var err error
	if p, ok := f.primary.(prober); ok {
		err = p.Probe()
	} else {
		_, err = f.primary.Get(probeAccount)
	}
	if err != nil && !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrUnavailable) {
		return err // it answered, with an error
	}
	if errors.Is(err, ErrNotFound) {
		err = nil
	}
	f.note(err)
	return err
}

// Name implements Store: the name of the store the last operation used,
// "the encrypted vault" when it fell back.
func (f *Fallback) Name() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cause != nil {
		return f.vault.Name()
	}
	return f.primary.Name()
}

// Where names the store that holds account's secret. A copy in the vault
// exists only when the keyring did not answer as it was stored (Set drops
// it once the keyring takes the secret), so finding one there is the
// answer; otherwise it is the keyring's. Unlike Name, it needs no earlier
// Get or Set in this process, and unlike Get it never talks to the keyring,
// so it can't raise an unlock prompt just to show a status.
func (f *Fallback) Where(account string) string {
	if _, err := f.vault.Get(account); err == nil {
		return f.vault.Name()
	}
	return f.primary.Name()
}

// Set implements Store.
func (f *Fallback) Set(account string, secret []byte) error {
	err := f.primary.Set(account, secret)
	if errors.Is(err, ErrUnavailable) {
		f.note(err)
		return f.vault.Set(account, secret)
	}
	if err != nil {
		return err
	}
	f.note(nil)
	// A copy kept while the keyring was away is stale now. Failing to drop
	// it is harmless: Get asks the primary store first.
	_ = f.vault.Delete(account)
	return nil
}

// Get implements Store.
func (f *Fallback) Get(account string) ([]byte, error) {
	secret, err := f.primary.Get(account)
	switch {
	case err == nil:
		f.note(nil)
		return secret, nil
	case errors.Is(err, ErrUnavailable):
		f.note(err)
		return f.vault.Get(account)
	case errors.Is(err, ErrNotFound):
		if secret, verr := f.vault.Get(account); verr == nil {
			return secret, nil
		}
	}
	return nil, err
}

// Delete implements Store. It removes the secret from both places.
func (f *Fallback) Delete(account string) error {
	err := f.primary.Delete(account)
	if err != nil && !errors.Is(err, ErrUnavailable) {
		return err
	}
	return f.vault.Delete(account)
}

func (f *Fallback) note(cause error) {
	f.mu.Lock()
	f.cause = cause
	f.mu.Unlock()
}
