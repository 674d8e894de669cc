package service

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"vaultbar/backend/crypto"
	"vaultbar/backend/syncer"
)

// blockingDerive holds key derivations open while armed, as a key file with
// heavy (but allowed) parameters would, until the caller gives up.
type blockingDerive struct {
	armed   atomic.Bool
	started chan struct{}
}

func (b *blockingDerive) derive(ctx context.Context, pw, salt []byte, p crypto.KDFParams) (*crypto.Key, error) {
	if b.armed.Load() {
		b.started <- struct{}{}
		<-ctx.Done() // never released: only cancelling ends it
		return nil, ctx.Err()
	}
	return crypto.DeriveKeyContext(ctx, pw, salt, p)
}

// Case 3: Lock (and so the idle lock) never waits for a key derivation.
func TestLockCancelsAKeyDerivation(t *testing.T) {
	dir := t.TempDir()
	bd := &blockingDerive{started: make(chan struct{}, 1)}
	a := newDevice(t, nil)
	b := newDevice(t, nil, func(s *SyncService) { s.derive = bd.derive })
	a.setup(t, dir, syncPW)
	b.setup(t, dir, syncPW)
	if err := a.s.ChangePassword(context.Background(), syncPW2); err != nil {
		t.Fatal(err)
	}

	bd.armed.Store(true)
	entered := make(chan error, 1)
	go func() { entered <- b.s.EnterPassword(context.Background(), syncPW2) }()
	<-bd.started
	locked := make(chan struct{})
	go func() { b.v.Lock(); close(locked) }()
	<-locked // returns although the derivation was never released
	if err := <-entered; !errors.Is(err, ErrVaultLocked) {
		t.Fatalf("EnterPassword during Lock = %v, want ErrVaultLocked", err)
	}
	if !b.v.Locked() {
		t.Fatal("not locked")
	}
	if err := b.s.EnterPassword(context.Background(), syncPW2); !errors.Is(err, ErrVaultLocked) {
		t.Fatalf("EnterPassword while locked = %v", err)
	}
}

// Case 1: the old password is refused with a sentence and hint that say so.
func TestSyncOldPasswordExplained(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, nil), newDevice(t, nil)
	a.setup(t, dir, syncPW)
	b.setup(t, dir, syncPW)
	if err := a.s.ChangePassword(context.Background(), syncPW2); err != nil {
		t.Fatal(err)
	}
	err := b.s.EnterPassword(context.Background(), syncPW)
	if !errors.Is(err, syncer.ErrOldSyncPassword) {
		t.Fatalf("EnterPassword(old) = %v", err)
	}
	if m, h := Explain(err); !strings.Contains(m, "an earlier one, changed since") || !strings.Contains(h, "newest") {
		t.Fatalf("Explain(old password) = %q, %q", m, h)
	}
	if pw, _ := b.s.RevealPassword(); pw != syncPW {
		t.Fatalf("a refused password was kept: %q", pw)
	}
	c := newDevice(t, nil)
	if _, err := c.s.Setup(context.Background(), "folder", dir, syncPW); !errors.Is(err, syncer.ErrOldSyncPassword) {
		t.Fatalf("a new device with the old password: %v", err)
	}
	if m, _ := Explain(syncer.ErrKeyFileMissing); !strings.Contains(m, "key file") {
		t.Fatalf("Explain(missing key file) = %q", m)
	}
}
