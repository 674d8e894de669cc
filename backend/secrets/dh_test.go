package secrets

import (
	"bytes"
	"testing"
)

func TestDHAgreement(t *testing.T) {
	for range 50 {
		a, err := newDHKey()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := newDHKey()
		ka, err := a.aesKey(b.public.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		kb, _ := b.aesKey(a.public.Bytes())
		if !bytes.Equal(ka, kb) || len(ka) != 16 {
			t.Fatalf("keys differ or wrong size: %x %x", ka, kb)
		}
	}
	k, _ := newDHKey()
	for _, bad := range [][]byte{{}, {1}, dhPrime.Bytes()} {
		if _, err := k.aesKey(bad); err == nil {
			t.Errorf("aesKey(%x...) accepted an out-of-range public value", bad[:min(len(bad), 4)])
		}
	}
}

func TestSecretEncryption(t *testing.T) {
	key := bytes.Repeat([]byte{7}, 16)
	for n := range 40 {
		plain := bytes.Repeat([]byte{'p'}, n)
		iv, ct, err := encryptSecret(key, plain)
		if err != nil {
			t.Fatal(err)
		}
		if len(ct)%16 != 0 || len(ct) <= n {
			t.Fatalf("len %d: ciphertext length %d", n, len(ct))
		}
		got, err := decryptSecret(key, iv, ct)
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("len %d: decrypt = %q, %v", n, got, err)
		}
		ct[len(ct)-1] ^= 1 // garbles the padding block
		if got, err := decryptSecret(key, iv, ct); err == nil && bytes.Equal(got, plain) {
			t.Fatalf("len %d: tampered ciphertext decrypted to the plaintext", n)
		}
	}
	if _, err := decryptSecret(key, make([]byte, 16), nil); err == nil {
		t.Error("empty ciphertext accepted")
	}
}
