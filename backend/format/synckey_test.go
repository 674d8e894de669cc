package format

import (
	"bytes"
	"encoding/binary"
	"errors"
	"reflect"
	"testing"

	"vaultbar/backend/crypto"
)

func sampleKeyFile() KeyFile {
	return KeyFile{
		Version: SyncKeyVersion, Epoch: 3, Device: "dev-a",
		KDF:        crypto.KDFParams{Time: 3, MemoryKiB: 65536, Threads: 4},
		Salt:       bytes.Repeat([]byte{7}, 16),
		Prev:       2,
		WrappedKey: bytes.Repeat([]byte{9}, 72),
		Body:       bytes.Repeat([]byte{5}, 100),
		Chain:      bytes.Repeat([]byte{4}, 40),
	}
}

// sampleV1 is a key file as Vaultbar wrote it before key files were chained.
func sampleV1() KeyFile {
	k := sampleKeyFile()
	k.Version, k.Prev, k.Chain = 1, 0, nil
	return k
}

func TestKeyFileRoundTrip(t *testing.T) {
	for _, k := range []KeyFile{sampleKeyFile(), sampleV1()} {
		b := AppendKeyFile(nil, k)
		got, err := ParseKeyFile(b)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, k) {
			t.Fatalf("got %+v, want %+v", got, k)
		}
		for n := range len(b) {
			if _, err := ParseKeyFile(b[:n]); err == nil {
				t.Fatalf("v%d: a key file cut to %d bytes parsed", k.Version, n)
			}
		}
	}
}

func TestKeyFileVersions(t *testing.T) {
	b := AppendKeyFile(nil, sampleKeyFile())
	binary.BigEndian.PutUint16(b[len(SyncKeyMagic):], SyncKeyVersion+1)
	if _, err := ParseKeyFile(b); !errors.Is(err, ErrNewerVersion) {
		t.Fatalf("newer key file: got %v, want ErrNewerVersion", err)
	}
	binary.BigEndian.PutUint16(b[len(SyncKeyMagic):], 0)
	if _, err := ParseKeyFile(b); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("version 0: got %v, want ErrCorrupt", err)
	}
	// A version 2 file relabelled as version 1 does not parse as one.
	binary.BigEndian.PutUint16(b[len(SyncKeyMagic):], 1)
	if _, err := ParseKeyFile(b); err == nil {
		t.Fatal("a version 2 file parsed as version 1")
	}
}

func TestKeyFileChainRules(t *testing.T) {
	bad := map[string]func(*KeyFile){
		"prev not below epoch":    func(k *KeyFile) { k.Prev = k.Epoch },
		"prev far below epoch":    func(k *KeyFile) { k.Prev = k.Epoch - 2 },
		"unchained above epoch 1": func(k *KeyFile) { k.Prev, k.Chain = 0, nil },
		"chained without a chain": func(k *KeyFile) { k.Chain = nil },
		"first with a chain":      func(k *KeyFile) { k.Epoch, k.Prev = 1, 0 },
		"huge kdf":                func(k *KeyFile) { k.KDF.MemoryKiB = 4 << 20 },
	}
	for name, f := range bad {
		k := sampleKeyFile()
		f(&k)
		if _, err := ParseKeyFile(AppendKeyFile(nil, k)); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: got %v, want ErrCorrupt", name, err)
		}
	}
	first := sampleKeyFile()
	first.Epoch, first.Prev, first.Chain = 1, 0, nil
	if _, err := ParseKeyFile(AppendKeyFile(nil, first)); err != nil {
		t.Fatalf("a folder's first key file: %v", err)
	}
}

// Every field of the header is covered by the wrapped key's AD, and every
// byte before the chain by the chain's.
func TestKeyFileADsCoverTheHeader(t *testing.T) {
	k := sampleKeyFile()
	head := AppendKeyFile(nil, k)
	ad := KeyAD(k)
	if !bytes.HasPrefix(head, ad) || !bytes.HasPrefix(ChainAD(k), head[:len(head)-2-len(k.Chain)]) {
		t.Fatal("the ADs are not the file's bytes")
	}
	for _, f := range []func(*KeyFile){
		func(k *KeyFile) { k.Epoch++ }, func(k *KeyFile) { k.Device = "dev-b" }, func(k *KeyFile) { k.Prev-- },
		func(k *KeyFile) { k.KDF.Time++ }, func(k *KeyFile) { k.Salt = bytes.Repeat([]byte{8}, 16) },
	} {
		o := sampleKeyFile()
		f(&o)
		if bytes.Equal(KeyAD(o), ad) || bytes.Equal(BodyAD(o), BodyAD(k)) {
			t.Fatalf("a header change left the AD as it was: %+v", o)
		}
	}
	o := sampleKeyFile()
	o.Body = bytes.Repeat([]byte{6}, 100)
	if bytes.Equal(ChainAD(o), ChainAD(k)) {
		t.Fatal("the chain does not cover the body")
	}
}

func sampleBody() KeyBody {
	return KeyBody{
		Keys:    []EpochKey{{1, bytes.Repeat([]byte{1}, crypto.KeySize)}, {2, bytes.Repeat([]byte{2}, crypto.KeySize)}},
		Cutoffs: []Cutoff{{2, "dev-a", 7}, {3, "dev-b", 0}},
		Digests: []FileDigest{{"dev-a", SyncName{KindChange, 1, 7}, [32]byte{1, 2}}, {"dev-b", SyncName{KindSnapshot, 2, 9}, [32]byte{3}}},
	}
}

func TestKeyBodyRoundTrip(t *testing.T) {
	kb := sampleBody()
	b := AppendKeyBody(nil, kb)
	got, err := ParseKeyBody(b)
	if err != nil || !reflect.DeepEqual(got, kb) {
		t.Fatalf("got %+v, %v", got, err)
	}
	for n := range len(b) {
		if _, err := ParseKeyBody(b[:n]); err == nil {
			t.Fatalf("a body cut to %d bytes parsed", n)
		}
	}
	huge := binary.BigEndian.AppendUint32(nil, 1<<31)
	if _, err := ParseKeyBody(huge); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("a huge key count: %v", err)
	}
}

func TestEpochKeysRoundTrip(t *testing.T) {
	keys := []EpochKey{{1, bytes.Repeat([]byte{1}, crypto.KeySize)}, {2, bytes.Repeat([]byte{2}, crypto.KeySize)}}
	got, err := ParseEpochKeys(AppendEpochKeys(nil, keys))
	if err != nil || !reflect.DeepEqual(got, keys) {
		t.Fatalf("got %v, %v", got, err)
	}
	if _, err := ParseEpochKeys(make([]byte, 41)); err == nil {
		t.Fatal("odd length parsed")
	}
}

func FuzzParseKeyFile(f *testing.F) {
	f.Add(AppendKeyFile(nil, sampleKeyFile()))
	f.Add(AppendKeyFile(nil, sampleV1()))
	f.Add([]byte(SyncKeyMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		k, err := ParseKeyFile(b)
		if err != nil {
			return
		}
		if out := AppendKeyFile(nil, k); !bytes.Equal(out, b) {
			t.Fatalf("key file does not round-trip")
		}
	})
}

func FuzzParseKeyBody(f *testing.F) {
	f.Add(AppendKeyBody(nil, sampleBody()))
	f.Add(AppendKeyBody(nil, KeyBody{}))
	f.Fuzz(func(t *testing.T, b []byte) {
		kb, err := ParseKeyBody(b)
		if err == nil && !bytes.Equal(AppendKeyBody(nil, kb), b) {
			t.Fatal("key body does not round-trip")
		}
	})
}

func FuzzParseEpochKeys(f *testing.F) {
	f.Add(AppendEpochKeys(nil, []EpochKey{{1, make([]byte, crypto.KeySize)}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		keys, err := ParseEpochKeys(b)
		if err == nil && !bytes.Equal(AppendEpochKeys(nil, keys), b) {
			t.Fatal("older keys do not round-trip")
		}
	})
}
