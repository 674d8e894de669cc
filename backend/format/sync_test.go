package format

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"vaultbar/backend/crypto"
)

func sampleKeyFile() KeyFile {
	return KeyFile{
		Epoch: 3, Device: "dev-a",
		KDF:        crypto.KDFParams{Time: 3, MemoryKiB: 65536, Threads: 4},
		Salt:       bytes.Repeat([]byte{7}, 16),
		WrappedKey: bytes.Repeat([]byte{9}, 72),
		OlderKeys:  bytes.Repeat([]byte{5}, 100),
	}
}

func TestKeyFileRoundTrip(t *testing.T) {
	k := sampleKeyFile()
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
			t.Fatalf("a key file cut to %d bytes parsed", n)
		}
	}
}

func TestNewerSyncVersionIsRecognised(t *testing.T) {
	b := AppendKeyFile(nil, sampleKeyFile())
	b[len(SyncKeyMagic)+1]++ // version 2
	if _, err := ParseKeyFile(b); !errors.Is(err, ErrNewerVersion) {
		t.Fatalf("key file: got %v, want ErrNewerVersion", err)
	}
	f := AppendSyncFile(nil, []byte("sealed"))
	f[len(SyncMagic)+1]++
	if _, err := ParseSyncFile(f); !errors.Is(err, ErrNewerVersion) {
		t.Fatalf("sync file: got %v, want ErrNewerVersion", err)
	}
}

func TestSyncFileRoundTrip(t *testing.T) {
	b := AppendSyncFile(nil, []byte("sealed"))
	got, err := ParseSyncFile(b)
	if err != nil || string(got) != "sealed" {
		t.Fatalf("got %q, %v", got, err)
	}
	if _, err := ParseSyncFile(b[:len(SyncMagic)+2]); !errors.Is(err, ErrTruncated) {
		t.Fatalf("empty payload: %v", err)
	}
	if _, err := ParseSyncFile([]byte("hello world, not ours")); !errors.Is(err, ErrNotVault) {
		t.Fatalf("foreign file: %v", err)
	}
}

func TestSyncADBindsEveryNameFact(t *testing.T) {
	base := SyncName{Kind: KindChange, Epoch: 2, Seq: 5}
	ads := map[string]bool{}
	for _, c := range []struct {
		dev string
		n   SyncName
	}{
		{"a", base}, {"b", base},
		{"a", SyncName{KindSnapshot, 2, 5}},
		{"a", SyncName{KindChange, 3, 5}},
		{"a", SyncName{KindChange, 2, 6}},
	} {
		ad := string(SyncAD(c.dev, c.n))
		if ads[ad] {
			t.Fatalf("%s %v shares its AD with another file", c.dev, c.n)
		}
		ads[ad] = true
	}
}

func TestSyncNames(t *testing.T) {
	for _, n := range []SyncName{{KindChange, 1, 1}, {KindSnapshot, 7, 123456789012}} {
		got, ok := ParseSyncName(n.String())
		if !ok || got != n {
			t.Fatalf("%v: got %v %v", n, got, ok)
		}
	}
	for _, bad := range []string{"", "c-1-1", "c-01-1.vbc", "c-1-0.vbc", "c-0-1.vbc", "s-1-1.vbc", "x-1-1.vbc", "c-1-1 2.vbc", "c--1.vbc", "c-1-+1.vbc", "c-1-1-1.vbc"} {
		if _, ok := ParseSyncName(bad); ok {
			t.Fatalf("%q parsed", bad)
		}
	}
	k := KeyName{Epoch: 4, Device: "ab-12"}
	if got, ok := ParseKeyName(k.String()); !ok || got != k {
		t.Fatalf("key name: got %v %v", got, ok)
	}
	for _, bad := range []string{"4-.vbk", "-a.vbk", "04-a.vbk", "4-a b.vbk", "4-a/..vbk", "4-a.vbc"} {
		if _, ok := ParseKeyName(bad); ok {
			t.Fatalf("%q parsed", bad)
		}
	}
	if !(KeyName{2, "a"}).After(KeyName{1, "z"}) || !(KeyName{2, "b"}).After(KeyName{2, "a"}) {
		t.Fatal("key order is wrong")
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

func FuzzParseSyncFile(f *testing.F) {
	f.Add(AppendSyncFile(nil, []byte("x")))
	f.Add([]byte(SyncMagic + "\x00\x02"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sealed, err := ParseSyncFile(b)
		if err != nil {
			return
		}
		if out := AppendSyncFile(nil, sealed); !bytes.Equal(out, b) {
			t.Fatalf("sync file does not round-trip")
		}
	})
}

func FuzzParseSyncName(f *testing.F) {
	for _, s := range []string{"c-1-1.vbc", "s-3-99.vbs", "2-dev.vbk", "c-1-1 2.vbc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if n, ok := ParseSyncName(s); ok && n.String() != s {
			t.Fatalf("%q parsed as %v", s, n)
		}
		if n, ok := ParseKeyName(s); ok && n.String() != s {
			t.Fatalf("%q parsed as %v", s, n)
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
