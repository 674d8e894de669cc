package crypto

import (
	"bytes"
	"context"
	"errors"
	"testing"
)

var light = KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}

func TestSealOpen(t *testing.T) {
	k, _ := NewKey()
	sealed := k.Seal([]byte("secret"), []byte("ad"))
	got, err := k.Open(sealed, []byte("ad"))
	if err != nil || string(got) != "secret" {
		t.Fatalf("open = %q, %v", got, err)
	}
	if _, err := k.Open(sealed, []byte("other ad")); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("open with other ad: %v, want ErrDecrypt", err)
	}
	sealed[len(sealed)-1] ^= 1
	if _, err := k.Open(sealed, []byte("ad")); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("open tampered: %v, want ErrDecrypt", err)
	}
	if _, err := k.Open(sealed[:10], nil); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("open truncated: %v, want ErrDecrypt", err)
	}
}

func TestSealUsesFreshNonces(t *testing.T) {
	k, _ := NewKey()
	a, b := k.Seal([]byte("x"), nil), k.Seal([]byte("x"), nil)
	if bytes.Equal(a, b) {
		t.Fatal("two seals of the same plaintext are equal")
	}
}

func TestWrapWithPassword(t *testing.T) {
	salt, _ := NewSalt()
	kek, err := DeriveKey([]byte("correct horse"), salt, light)
	if err != nil {
		t.Fatal(err)
	}
	dk, _ := NewKey()
	w := Wrap(kek, dk, []byte("hdr"))
	got, err := Unwrap(kek, w, []byte("hdr"))
	if err != nil || !bytes.Equal(got.Bytes(), dk.Bytes()) {
		t.Fatalf("unwrap = %v", err)
	}
	wrong, _ := DeriveKey([]byte("wrong"), salt, light)
	if _, err := Unwrap(wrong, w, []byte("hdr")); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("unwrap with wrong password: %v", err)
	}
}

func TestParamsRejectAbsurdValues(t *testing.T) {
	for _, p := range []KDFParams{{0, 64, 1}, {3, 1 << 30, 1}, {1000, 64, 1}, {3, 64, 0},
		{1, 1<<20 + 1, 1}, {65, 64, 1}, {5, 1 << 20, 1}, {3, 64, 17}} {
		if _, err := DeriveKey([]byte("p"), make([]byte, 16), p); err == nil {
			t.Errorf("DeriveKey accepted %+v", p)
		}
	}
}

func TestWipe(t *testing.T) {
	k, _ := NewKey()
	k.Wipe()
	if !bytes.Equal(k.Bytes(), make([]byte, KeySize)) {
		t.Fatal("wiped key is not zero")
	}
}

func TestCalibrateNeverBelowFloor(t *testing.T) {
	p := Calibrate(1) // 1ns: any machine is slower
	if p.Time < MinParams.Time || p.MemoryKiB < MinParams.MemoryKiB {
		t.Fatalf("calibrated %+v is below the floor %+v", p, MinParams)
	}
}

func BenchmarkDeriveKeyMin(b *testing.B) {
	salt := make([]byte, SaltSize)
	for b.Loop() {
		k, _ := DeriveKey([]byte("password"), salt, MinParams)
		k.Wipe()
	}
}

// What Vaultbar writes, or could have written on a much faster machine,
// passes the limits on parameters read from files.
func TestParamsAllowWhatVaultbarWrites(t *testing.T) {
	for _, p := range []KDFParams{MinParams, {64, 64 * 1024, 4}, {4, 1 << 20, 16}, {1, 64, 1}} {
		if err := p.Check(); err != nil {
			t.Errorf("%+v: %v", p, err)
		}
	}
}

func TestDeriveKeyContext(t *testing.T) {
	light := KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}
	salt := make([]byte, SaltSize)
	want, _ := DeriveKey([]byte("pw"), salt, light)
	got, err := DeriveKeyContext(context.Background(), []byte("pw"), salt, light)
	if err != nil || !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatalf("got %v, %v", got, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := DeriveKeyContext(ctx, []byte("pw"), salt, MinParams); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	if _, err := DeriveKeyContext(context.Background(), []byte("pw"), salt, KDFParams{Time: 5, MemoryKiB: 1 << 20, Threads: 1}); err == nil {
		t.Fatal("out-of-range parameters were run")
	}
}
