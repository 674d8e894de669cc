package format

import (
	"bytes"
	"encoding/binary"
	"errors"
	"reflect"
	"testing"

	"vaultbar/backend/crypto"
)

func sampleHeader() Header {
	return Header{
		VaultID:    [16]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
		Generation: 42,
		KDF:        crypto.KDFParams{Time: 3, MemoryKiB: 65536, Threads: 4},
		Salt:       bytes.Repeat([]byte{0xaa}, 16),
		WrappedKey: bytes.Repeat([]byte{0xbb}, crypto.KeySize+crypto.Overhead),
	}
}

func TestVaultRoundTrip(t *testing.T) {
	h := sampleHeader()
	b := AppendVault(nil, h, []byte("sealed payload"))
	got, sealed, err := ParseVault(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, h) || string(sealed) != "sealed payload" {
		t.Fatalf("got %+v %q", got, sealed)
	}
	if !bytes.HasPrefix(b, WrapAD(h)) {
		t.Fatal("the wrap AD is not the file's own header prefix")
	}
}

func TestADsBindTheRightFields(t *testing.T) {
	h := sampleHeader()
	mod := []func(*Header){
		func(h *Header) { h.VaultID[0] ^= 1 },
		func(h *Header) { h.KDF.Time++ },
		func(h *Header) { h.KDF.MemoryKiB++ },
		func(h *Header) { h.KDF.Threads++ },
		func(h *Header) { h.Salt = append([]byte{1}, h.Salt[1:]...) },
	}
	for i, m := range mod {
		h2 := sampleHeader()
		m(&h2)
		if bytes.Equal(WrapAD(h), WrapAD(h2)) {
			t.Errorf("change %d does not change the wrap AD", i)
		}
	}
	h2 := sampleHeader()
	h2.Generation++
	if bytes.Equal(PayloadAD(h), PayloadAD(h2)) {
		t.Error("generation is not in the payload AD")
	}
	h2 = sampleHeader()
	h2.VaultID[15] ^= 1
	if bytes.Equal(PayloadAD(h), PayloadAD(h2)) {
		t.Error("vault id is not in the payload AD")
	}
	h2 = sampleHeader()
	h2.Salt, h2.KDF.Time, h2.WrappedKey = []byte("another salt!!"), 9, []byte("x")
	if !bytes.Equal(PayloadAD(h), PayloadAD(h2)) {
		t.Error("password fields are in the payload AD: a password change would need a re-encryption")
	}
}

func TestParseVaultErrors(t *testing.T) {
	good := AppendVault(nil, sampleHeader(), []byte("sealed"))
	newer := append([]byte(nil), good...)
	binary.BigEndian.PutUint16(newer[len(VaultMagic):], 2)
	badSalt := append([]byte(nil), good...)
	badSalt[len(VaultMagic)+2+16+8] = 0 // threads
	for name, tc := range map[string]struct {
		b    []byte
		want error
	}{
		"empty":     {nil, ErrTruncated},
		"foreign":   {[]byte("PK\x03\x04 a zip file"), ErrNotVault},
		"magic cut": {[]byte(VaultMagic[:5]), ErrTruncated},
		"newer":     {newer, ErrNewerVersion},
		"header":    {good[:30], ErrTruncated},
		"payload":   {good[:len(good)-1], ErrTruncated},
		"trailing":  {append(append([]byte(nil), good...), 0), ErrCorrupt},
		"kdf":       {badSalt, ErrCorrupt},
	} {
		_, _, err := ParseVault(tc.b)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", name, err, tc.want)
		}
	}
	var ve *VersionError
	if _, _, err := ParseVault(newer); !errors.As(err, &ve) || ve.Version != 2 {
		t.Fatalf("newer: %v", err)
	} else if want := "file format 2 was written by a newer version of Vaultbar; update Vaultbar to open it"; err.Error() != want {
		t.Fatalf("message %q", err)
	}
}

func TestPayloadRoundTrip(t *testing.T) {
	p := Payload{Entities: sample(), Local: []byte(`{"device":"d1"}`)}
	b := AppendPayload(nil, p)
	got, err := ParsePayload(b)
	if err != nil || !reflect.DeepEqual(got, p) {
		t.Fatalf("got %+v, %v", got, err)
	}
	b[3] = 'X' // inside the local blob: the result must not alias b
	if string(got.Local) != `{"device":"d1"}` {
		t.Fatal("local state aliases the input")
	}
	for n := range len(b) {
		if _, err := ParsePayload(b[:n]); err == nil {
			t.Fatalf("parsed a %d-byte prefix", n)
		}
	}
}

func TestParsePayloadOwned(t *testing.T) {
	p := Payload{Entities: sample(), Local: []byte("x")}
	got, err := ParsePayloadOwned(AppendPayload(nil, p))
	if err != nil || !reflect.DeepEqual(got, p) {
		t.Fatalf("got %+v, %v", got, err)
	}
}
