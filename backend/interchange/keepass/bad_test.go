package keepass

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/interchangetest"
)

func smallKDBX(t testing.TB, kdf KDF) []byte {
	doc := interchangetest.Fixture(t, "rich.xml")
	data, err := EncodeKDBX4(doc, WriteOptions{Password: []byte("pw"), KDF: kdf, Rand: rand.Reader})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestKDBXBadInput: each damage gets its sentinel, never a panic or a
// wrong-password message for what is damage.
func TestKDBXBadInput(t *testing.T) {
	good := smallKDBX(t, KDFArgon2id(1, 64<<10, 1))
	h, err := ParseHeader(good)
	if err != nil {
		t.Fatal(err)
	}
	flip := func(at int) []byte {
		b := bytes.Clone(good)
		b[at] ^= 1
		return b
	}
	newer := bytes.Clone(good)
	binary.LittleEndian.PutUint16(newer[10:], 5)
	cases := []struct {
		name string
		data []byte
		opt  interchange.Options
		want error
	}{
		{"no password", good, interchange.Options{}, interchange.ErrNeedsPassword},
		{"wrong password", good, interchange.Options{Password: []byte("px")}, interchange.ErrWrongPassword},
		{"truncated in the header", good[:h.End-3], interchange.Options{Password: []byte("pw")}, interchange.ErrDamaged},
		{"truncated after the header", good[:h.End+40], interchange.Options{Password: []byte("pw")}, interchange.ErrDamaged},
		{"truncated in the blocks", good[:len(good)-50], interchange.Options{Password: []byte("pw")}, interchange.ErrDamaged},
		{"header byte flipped", flip(h.End - 8), interchange.Options{Password: []byte("pw")}, interchange.ErrDamaged},
		{"payload byte flipped", flip(len(good) - 80), interchange.Options{Password: []byte("pw")}, interchange.ErrDamaged},
		{"newer version", newer, interchange.Options{Password: []byte("pw")}, interchange.ErrNewerVersion},
		{"not kdbx", []byte("hello world, not a database"), interchange.Options{Password: []byte("pw")}, interchange.ErrUnknownFormat},
	}
	for _, c := range cases {
		if _, err := ParseKDBX(c.data, c.opt); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}

// TestKDFBoundsBeforeDeriving: a file asking for more memory, iterations
// or rounds than allowed is refused from its header alone (the test would
// take minutes or run out of memory if it derived).
func TestKDFBoundsBeforeDeriving(t *testing.T) {
	for name, kdf := range map[string]KDF{
		"argon2 memory":     {ID: kdfArgon2d, Iterations: 2, Memory: 2 << 30, Parallelism: 1, Version: 0x13},
		"argon2 iterations": {ID: kdfArgon2id, Iterations: 1 << 40, Memory: 1 << 20, Parallelism: 1, Version: 0x13},
		"argon2 lanes":      {ID: kdfArgon2id, Iterations: 1, Memory: 1 << 29, Parallelism: 1 << 20, Version: 0x13},
		"aes rounds":        {ID: kdfAES4, Rounds: 1 << 50},
	} {
		h := Header{Major: 4, Cipher: cipherAES256, MasterSeed: make([]byte, 32), IV: make([]byte, 16), KDF: kdf}
		h.KDF.Salt = make([]byte, 32)
		data := append(h.encode(), make([]byte, 200)...)
		_, err := ParseKDBX(data, interchange.Options{Password: []byte("pw")})
		if !errors.Is(err, interchange.ErrTooLarge) {
			t.Errorf("%s: %v, want ErrTooLarge", name, err)
		}
	}
}

func TestXMLBadInput(t *testing.T) {
	doc := interchangetest.Fixture(t, "rich.xml")
	for name, data := range map[string][]byte{
		"truncated":   doc[:len(doc)/2],
		"no root":     []byte(`<KeePassFile><Meta/></KeePassFile>`),
		"not keepass": []byte(`<html></html>`),
	} {
		if _, err := ParseXML(data, interchange.Options{}); err == nil {
			t.Errorf("%s: no error", name)
		} else if !errors.Is(err, interchange.ErrDamaged) && !errors.Is(err, interchange.ErrUnknownFormat) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func FuzzParseHeader(f *testing.F) {
	f.Add(smallKDBX(f, KDFArgon2id(1, 64<<10, 1))[:400])
	f.Add(smallKDBX(f, KDFAES(10))[:300])
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := ParseHeader(b)
		if err == nil && (h.End > len(b) || h.KDF.check() != nil) {
			t.Fatalf("accepted a header past the limits: %+v", h)
		}
	})
}

// FuzzParseKDBX: a damaged file with the right password must error, not
// panic; the cheap KDF keeps iterations fast.
func FuzzParseKDBX(f *testing.F) {
	f.Add(smallKDBX(f, KDFAES(1)))
	f.Fuzz(func(t *testing.T, b []byte) {
		// Within the limits a file may still ask for seconds of work;
		// keep the fuzzer to cheap derivations.
		if h, err := ParseHeader(b); err == nil && (h.KDF.Rounds > 1000 || h.KDF.Memory > 1<<20 || h.KDF.Iterations > 4) {
			return
		}
		ParseKDBX(b, interchange.Options{Password: []byte("pw")})
	})
}

func FuzzParseXML(f *testing.F) {
	f.Add(interchangetest.Fixture(f, "rich.xml"))
	f.Add([]byte(`<KeePassFile><Root><Group><Entry><String><Key>otp</Key><Value>x</Value></String></Entry></Group></Root></KeePassFile>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ParseXML(b, interchange.Options{})
	})
}

// TestXMLEntryLostIsReported: an entry gokeepasslib can't decode (here a
// malformed time) is not silently dropped: the result says so.
func TestXMLEntryLostIsReported(t *testing.T) {
	doc := bytes.Replace(interchangetest.Fixture(t, "rich.xml"), []byte("<CreationTime>2020-01-02T03:04:05Z</CreationTime>"), []byte("<CreationTime>not a time</CreationTime>"), 1)
	res, err := ParseXML(doc, interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range res.Warnings {
		found = found || strings.Contains(w, "could not be read")
	}
	if !found || len(res.Items) != 4 {
		t.Errorf("%d items, warnings %q", len(res.Items), res.Warnings)
	}
}
