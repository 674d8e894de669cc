package secrets

import (
	"bytes"
	"errors"
	"testing"
)

// testStore is the contract every Store must keep; each implementation's
// test runs it. Accounts start with prefix so runs against a real keyring
// never touch anything else.
func testStore(t *testing.T, s Store, prefix string) {
	a, b := prefix+"icloud", prefix+"/Users/me/Sync Folder"
	t.Cleanup(func() { s.Delete(a); s.Delete(b) })

	t.Run("absent", func(t *testing.T) {
		if _, err := s.Get(a); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Get(absent) = %v, want ErrNotFound", err)
		}
	})
	t.Run("set get", func(t *testing.T) {
		mustSet(t, s, a, "correct horse battery staple")
		mustGet(t, s, a, "correct horse battery staple")
	})
	t.Run("update", func(t *testing.T) {
		mustSet(t, s, a, "first")
		mustSet(t, s, a, "second")
		mustGet(t, s, a, "second")
	})
	t.Run("accounts apart", func(t *testing.T) {
		mustSet(t, s, a, "for icloud")
		mustSet(t, s, b, "for the folder")
		mustGet(t, s, a, "for icloud")
		mustGet(t, s, b, "for the folder")
		if err := s.Delete(b); err != nil {
			t.Fatal(err)
		}
		mustGet(t, s, a, "for icloud")
	})
	t.Run("delete", func(t *testing.T) {
		mustSet(t, s, a, "doomed")
		if err := s.Delete(a); err != nil {
			t.Fatalf("Delete: %v", err)
		}
		if _, err := s.Get(a); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Get after Delete = %v, want ErrNotFound", err)
		}
		if err := s.Delete(a); err != nil {
			t.Fatalf("Delete(absent) = %v, want nil", err)
		}
	})
	t.Run("binary and block-sized", func(t *testing.T) {
		for _, secret := range [][]byte{
			{0, 0xff, 0xfe, '\n', 0},
			bytes.Repeat([]byte("x"), 16),
			bytes.Repeat([]byte("é"), 1000),
		} {
			if err := s.Set(a, secret); err != nil {
				t.Fatal(err)
			}
			got, err := s.Get(a)
			if err != nil || !bytes.Equal(got, secret) {
				t.Fatalf("Get = %q, %v; want %q", got, err, secret)
			}
		}
	})
	t.Run("rejects empty", func(t *testing.T) {
		if err := s.Set(a, nil); err == nil {
			t.Error("Set(empty secret) succeeded")
		}
		if err := s.Set("", []byte("x")); err == nil {
			t.Error("Set(empty account) succeeded")
		}
		if _, err := s.Get(""); err == nil || errors.Is(err, ErrNotFound) {
			t.Errorf("Get(empty account) = %v, want a usage error", err)
		}
	})
}

func mustSet(t *testing.T, s Store, account, secret string) {
	t.Helper()
	if err := s.Set(account, []byte(secret)); err != nil {
		t.Fatalf("Set(%q): %v", account, err)
	}
}

func mustGet(t *testing.T, s Store, account, want string) {
	t.Helper()
	got, err := s.Get(account)
	if err != nil {
		t.Fatalf("Get(%q): %v", account, err)
	}
	if string(got) != want {
		t.Fatalf("Get(%q) = %q, want %q", account, got, want)
	}
}

// memBag is the vault's secret bag, in memory.
type memBag map[string]string

func (m memBag) GetSecret(k string) (string, bool) { v, ok := m[k]; return v, ok }
func (m memBag) SetSecret(k, v string) error       { m[k] = v; return nil }
func (m memBag) DeleteSecret(k string) error       { delete(m, k); return nil }

func TestVaultStore(t *testing.T) {
	testStore(t, VaultStore{Bag: memBag{}}, "")
}
