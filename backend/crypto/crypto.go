package crypto

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"runtime"
	"time"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
)

// ErrDecrypt means sealed data did not authenticate: a wrong key (so a wrong
// password), or bytes that were changed, cut short or moved.
var ErrDecrypt = errors.New("decryption failed")

// KeySize is the size of every key: data keys and password keys alike.
const KeySize = chacha20poly1305.KeySize

// SaltSize is the size of an Argon2id salt.
const SaltSize = 16

// Overhead is how much longer Seal's output is than its input.
const Overhead = chacha20poly1305.NonceSizeX + chacha20poly1305.Overhead

// Key is a 256-bit symmetric key. Wipe it when done.
type Key struct{ b [KeySize]byte }

// NewKey returns a random key.
func NewKey() (*Key, error) {
	k := &Key{}
	if _, err := rand.Read(k.b[:]); err != nil {
		return nil, fmt.Errorf("reading random bytes: %w", err)
	}
	return k, nil
}

// KeyFromBytes copies b (KeySize bytes) into a new key.
func KeyFromBytes(b []byte) (*Key, error) {
	if len(b) != KeySize {
		return nil, fmt.Errorf("key is %d bytes, want %d", len(b), KeySize)
	}
	k := &Key{}
	copy(k.b[:], b)
	return k, nil
}

// Bytes exposes the key's bytes, for wrapping and for storing a cached key
// inside an encrypted vault. Do not keep the slice.
func (k *Key) Bytes() []byte { return k.b[:] }

// Wipe overwrites the key with zeros. A wiped key must not be used.
func (k *Key) Wipe() {
	if k != nil {
		Zero(k.b[:])
	}
}

// Zero overwrites b with zeros.
func Zero(b []byte) {
	for i := range b {
		b[i] = 0
	}
	runtime.KeepAlive(b)
}

// Seal encrypts and authenticates plaintext and ad under k. The output is a
// random 24-byte nonce followed by the ciphertext; XChaCha20's nonce is long
// enough that random nonces never collide in practice, so one data key can
// seal any number of files.
func (k *Key) Seal(plaintext, ad []byte) []byte {
	aead, err := chacha20poly1305.NewX(k.b[:])
	if err != nil {
		panic(err) // only on a wrong key size, which Key rules out
	}
	out := make([]byte, chacha20poly1305.NonceSizeX, chacha20poly1305.NonceSizeX+len(plaintext)+aead.Overhead())
	if _, err := rand.Read(out); err != nil {
		panic(fmt.Errorf("reading random bytes: %w", err))
	}
	return aead.Seal(out, out, plaintext, ad)
}

// Open authenticates and decrypts what Seal returned. Any change to sealed
// or ad, or a different key, gives ErrDecrypt.
func (k *Key) Open(sealed, ad []byte) ([]byte, error) {
	if len(sealed) < Overhead {
		return nil, ErrDecrypt
	}
	aead, err := chacha20poly1305.NewX(k.b[:])
	if err != nil {
		panic(err)
	}
	n := chacha20poly1305.NonceSizeX
	out, err := aead.Open(nil, sealed[:n], sealed[n:], ad)
	if err != nil {
		return nil, ErrDecrypt
	}
	return out, nil
}

// Wrap seals data key dk under key-encryption key kek.
func Wrap(kek, dk *Key, ad []byte) []byte { return kek.Seal(dk.b[:], ad) }

// Unwrap opens a wrapped data key. A wrong password shows up here as
// ErrDecrypt.
func Unwrap(kek *Key, wrapped, ad []byte) (*Key, error) {
	b, err := kek.Open(wrapped, ad)
	if err != nil {
		return nil, err
	}
	defer Zero(b)
	return KeyFromBytes(b)
}

// NewSalt returns a random Argon2id salt.
func NewSalt() ([]byte, error) {
	s := make([]byte, SaltSize)
	if _, err := rand.Read(s); err != nil {
		return nil, fmt.Errorf("reading random bytes: %w", err)
	}
	return s, nil
}

// KDFParams are Argon2id's cost parameters, stored in file headers so a
// file opens with the parameters it was made with.
type KDFParams struct {
	Time      uint32 `json:"t"` // passes
	MemoryKiB uint32 `json:"m"`
	Threads   uint8  `json:"p"`
}

// MinParams is the floor for anything a user creates: t=3, 64 MiB.
var MinParams = KDFParams{Time: 3, MemoryKiB: 64 * 1024, Threads: 4}

// Limits on parameters read from a file, so a tampered header can't make
// unlocking take minutes or all memory before it fails. They are what
// Calibrate could write on a machine far faster than today's (64 passes of
// 64 MiB), with room for memory-heavier settings of the same cost: at most
// 1 GiB, at most 64 passes, passes times memory at most 64 × 64 MiB, and 16
// lanes.
const (
	maxTime      = 64
	maxMemoryKiB = 1024 * 1024
	maxWork      = maxTime * 64 * 1024 // passes × KiB
	maxThreads   = 16
)

// Check reports whether p is sane to run.
func (p KDFParams) Check() error {
	if p.Time < 1 || p.Time > maxTime || p.MemoryKiB < 8 || p.MemoryKiB > maxMemoryKiB ||
		uint64(p.Time)*uint64(p.MemoryKiB) > maxWork || p.Threads < 1 || p.Threads > maxThreads {
		return fmt.Errorf("key derivation parameters t=%d m=%dKiB p=%d are out of range", p.Time, p.MemoryKiB, p.Threads)
	}
	return nil
}

// DeriveKey runs Argon2id over password and salt.
func DeriveKey(password, salt []byte, p KDFParams) (*Key, error) {
	if err := p.Check(); err != nil {
		return nil, err
	}
	if len(salt) < 8 {
		return nil, fmt.Errorf("salt is %d bytes, too short", len(salt))
	}
	b := argon2.IDKey(password, salt, p.Time, p.MemoryKiB, p.Threads, KeySize)
	defer Zero(b)
	return KeyFromBytes(b)
}

// DeriveKeyContext is DeriveKey that gives up when ctx ends. Argon2id can't
// be interrupted, so the derivation runs on its own goroutine, which is
// abandoned (it finishes, wipes its result and exits) when ctx ends first:
// a caller waiting for a password never holds up locking the vault.
func DeriveKeyContext(ctx context.Context, password, salt []byte, p KDFParams) (*Key, error) {
	if err := p.Check(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pw := append([]byte(nil), password...) // the caller may wipe its copy once we return
	type result struct {
		k   *Key
		err error
	}
	out := make(chan result)
	go func() {
		k, err := DeriveKey(pw, salt, p)
		Zero(pw)
		select {
		case out <- result{k, err}:
		case <-ctx.Done():
			k.Wipe()
		}
	}()
	select {
	case r := <-out:
		return r.k, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Calibrate picks parameters that take about target on this machine: 64 MiB
// and as many passes as fit, never fewer than MinParams.
func Calibrate(target time.Duration) KDFParams {
	p := MinParams
	salt := make([]byte, SaltSize)
	start := time.Now()
	argon2.IDKey([]byte("calibrate"), salt, p.Time, p.MemoryKiB, p.Threads, KeySize)
	took := time.Since(start)
	if took <= 0 {
		return p
	}
	t := uint32(float64(p.Time) * float64(target) / float64(took))
	if t > p.Time {
		p.Time = min(t, maxTime)
	}
	return p
}
