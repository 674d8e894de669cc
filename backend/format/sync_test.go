package format

import (
	"bytes"
	"errors"
	"testing"
)

func TestNewerSyncVersionIsRecognised(t *testing.T) {
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
