package otp

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ErrInvalid is wrapped by every error about a secret that cannot give codes.
var ErrInvalid = errors.New("invalid one-time password secret")

// Algorithm names the HMAC hash: "SHA1", "SHA256" or "SHA512".
type Algorithm string

const (
	SHA1   Algorithm = "SHA1"
	SHA256 Algorithm = "SHA256"
	SHA512 Algorithm = "SHA512"
)

// Key is a parsed TOTP secret with its parameters.
type Key struct {
	Secret    []byte
	Digits    int
	Period    time.Duration
	Algorithm Algorithm
}

// Defaults that authenticator apps assume when the URI leaves them out.
const (
	DefaultDigits = 6
	DefaultPeriod = 30 * time.Second
)

// invalidError is a sentence a person can act on; it matches ErrInvalid
// without the sentinel's words trailing after it on screen.
type invalidError struct{ msg string }

func (e *invalidError) Error() string { return e.msg }
func (e *invalidError) Unwrap() error { return ErrInvalid }

func invalid(format string, a ...any) error {
	return &invalidError{fmt.Sprintf(format, a...)}
}

// Parse reads a base32 secret (spaces, dashes, lower case and padding
// allowed) or an otpauth://totp/ URI.
func Parse(s string) (Key, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Key{}, invalid("the one-time password secret is empty")
	}
	if strings.HasPrefix(strings.ToLower(s), "otpauth:") {
		return parseURI(s)
	}
	secret, err := decodeBase32(s)
	if err != nil {
		return Key{}, err
	}
	return Key{Secret: secret, Digits: DefaultDigits, Period: DefaultPeriod, Algorithm: SHA1}, nil
}

func decodeBase32(s string) ([]byte, error) {
	s = strings.ToUpper(strings.NewReplacer(" ", "", "-", "", "\t", "").Replace(s))
	s = strings.TrimRight(s, "=")
	b, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(s)
	if err != nil || len(b) == 0 {
		return nil, invalid("the one-time password secret is not valid base32 (letters A-Z and digits 2-7)")
	}
	return b, nil
}

func parseURI(s string) (Key, error) {
	u, err := url.Parse(s)
	if err != nil {
		return Key{}, invalid("the one-time password URI cannot be read")
	}
	if !strings.EqualFold(u.Scheme, "otpauth") || !strings.EqualFold(u.Host, "totp") {
		return Key{}, invalid("only otpauth://totp/ URIs are supported, not %s://%s", u.Scheme, u.Host)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return Key{}, invalid("the one-time password URI cannot be read")
	}
	if q.Get("secret") == "" {
		return Key{}, invalid("the one-time password URI has no secret= parameter")
	}
	k := Key{Digits: DefaultDigits, Period: DefaultPeriod, Algorithm: SHA1}
	if k.Secret, err = decodeBase32(q.Get("secret")); err != nil {
		return Key{}, err
	}
	if d := q.Get("digits"); d != "" {
		n, err := strconv.Atoi(d)
		if err != nil || n < 6 || n > 10 {
			return Key{}, invalid("the one-time password digits must be 6 to 10, not %q", d)
		}
		k.Digits = n
	}
	if p := q.Get("period"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 24*3600 {
			return Key{}, invalid("the one-time password period must be a whole number of seconds, not %q", p)
		}
		k.Period = time.Duration(n) * time.Second
	}
	if a := q.Get("algorithm"); a != "" {
		k.Algorithm = Algorithm(strings.ToUpper(a))
		if k.hash() == nil {
			return Key{}, invalid("the one-time password algorithm must be SHA1, SHA256 or SHA512, not %q", a)
		}
	}
	return k, nil
}

func (k Key) hash() func() hash.Hash {
	switch k.Algorithm {
	case SHA1:
		return sha1.New
	case SHA256:
		return sha256.New
	case SHA512:
		return sha512.New
	}
	return nil
}

// At returns the code for time t and how long it stays valid.
func (k Key) At(t time.Time) (code string, remaining time.Duration) {
	period := int64(k.Period / time.Second)
	unix := max(t.Unix(), 0) // a clock before 1970 is wrong anyway; keep the counter sane
	counter := uint64(unix / period)
	remaining = time.Duration(period-unix%period) * time.Second
	return hotp(k.hash(), k.Secret, counter, k.Digits), remaining
}

// hotp is RFC 4226: HMAC of the big-endian counter, dynamic truncation to
// 31 bits, then the low decimal digits, zero-padded.
func hotp(h func() hash.Hash, secret []byte, counter uint64, digits int) string {
	mac := hmac.New(h, secret)
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint64(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, uint64(bin)%mod)
}

// Code parses secret and returns its code at time at and how long the code
// stays valid.
func Code(secret string, at time.Time) (code string, remaining time.Duration, err error) {
	k, err := Parse(secret)
	if err != nil {
		return "", 0, err
	}
	code, remaining = k.At(at)
	return code, remaining, nil
}
