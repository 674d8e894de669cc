package format

import (
	"bytes"
	"reflect"
	"testing"
)

// Every parser must reject or accept any input without panicking, and what
// it accepts must survive a round trip.

func FuzzParseEntities(f *testing.F) {
	f.Add(AppendEntities(nil, sample()))
	f.Add(AppendEntities(nil, nil))
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, b []byte) {
		ents, err := ParseEntities(b)
		if err != nil {
			return
		}
		again := AppendEntities(nil, ents)
		ents2, err := ParseEntities(again)
		if err != nil {
			t.Fatalf("re-encoding does not parse: %v", err)
		}
		if !reflect.DeepEqual(ents, ents2) && !(len(ents) == 0 && len(ents2) == 0) {
			t.Fatal("round trip changed the entities")
		}
		if !bytes.Equal(again, AppendEntities(nil, ents2)) {
			t.Fatal("encoding is not deterministic")
		}
	})
}

func FuzzParsePayload(f *testing.F) {
	f.Add(AppendPayload(nil, Payload{Entities: sample(), Local: []byte("{}")}))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ParsePayload(b)
		if err != nil {
			return
		}
		p2, err := ParsePayload(AppendPayload(nil, p))
		if err != nil || !bytes.Equal(p.Local, p2.Local) || len(p.Entities) != len(p2.Entities) {
			t.Fatalf("round trip: %v", err)
		}
	})
}

func FuzzParseVault(f *testing.F) {
	f.Add(AppendVault(nil, sampleHeader(), []byte("sealed")))
	f.Add([]byte(VaultMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		h, sealed, err := ParseVault(b)
		if err != nil {
			return
		}
		if again := AppendVault(nil, h, sealed); !bytes.Equal(again, b) {
			t.Fatalf("round trip changed the file:\n%x\n%x", b, again)
		}
	})
}

func FuzzParseJournal(f *testing.F) {
	h := JournalHeader{VaultID: [16]byte{9}, Generation: 2}
	f.Add(journalOf(h, "one", "two"))
	f.Add(journalOf(h, "one", "two")[:70])
	f.Fuzz(func(t *testing.T, b []byte) {
		j, err := ParseJournal(b)
		if err != nil {
			return
		}
		again := AppendJournalHeader(nil, j.Header)
		for _, fr := range j.Frames {
			again = AppendFrame(again, fr)
		}
		if !bytes.Equal(again, b[:len(b)-j.Torn]) {
			t.Fatal("round trip changed the frames")
		}
	})
}

func FuzzParseVaultHeader(f *testing.F) {
	f.Add(AppendVault(nil, sampleHeader(), []byte("sealed")))
	f.Add(AppendVaultHeader(nil, sampleHeader(), 1<<40))
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := ParseVaultHeader(b)
		if err != nil {
			return
		}
		if _, _, err := ParseVault(b); err == nil {
			if h2, _, _ := ParseVault(b); !reflect.DeepEqual(h, h2) {
				t.Fatal("ParseVaultHeader and ParseVault disagree")
			}
		}
		if again := AppendVaultHeader(nil, h, 0); !bytes.Equal(again[:len(again)-8], b[:len(again)-8]) {
			t.Fatal("round trip changed the header")
		}
	})
}

// ScanJournal must never panic, must account for every byte, and must
// return frames in increasing order; on an undamaged journal it agrees with
// ParseJournal.
func FuzzScanJournal(f *testing.F) {
	h := JournalHeader{VaultID: [16]byte{9}, Generation: 2}
	good := journalOf(h, "one", "two", "three")
	f.Add(good)
	f.Add(good[:70])
	damaged := append([]byte(nil), good...)
	damaged[len(journalOf(h))+3] ^= 1
	f.Add(damaged)
	f.Fuzz(func(t *testing.T, b []byte) {
		j, err := ScanJournal(b)
		if err != nil {
			return
		}
		n := len(AppendJournalHeader(nil, j.Header)) + j.Skipped
		var last uint64
		for _, fr := range j.Frames {
			if fr.Seq <= last || fr.Generation != j.Header.Generation {
				t.Fatalf("frame %d after %d, generation %d", fr.Seq, last, fr.Generation)
			}
			last = fr.Seq
			n += len(AppendFrame(nil, fr))
		}
		if n != len(b) {
			t.Fatalf("accounted for %d of %d bytes", n, len(b))
		}
		if strict, err := ParseJournal(b); err == nil && strict.Torn == 0 && !reflect.DeepEqual(strict.Frames, j.Frames) {
			t.Fatal("ScanJournal disagrees with ParseJournal on a good journal")
		}
	})
}

func FuzzParseCommit(f *testing.F) {
	f.Add(AppendCommit(nil, Commit{VaultID: [16]byte{3}, Generation: 4, Seq: 5, Last: [16]byte{6}, Sealed: make([]byte, 40)}))
	f.Add(make([]byte, CommitSlotSize))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := ParseCommit(b)
		if err != nil {
			return
		}
		if again := AppendCommit(nil, c); !bytes.Equal(again, b) {
			t.Fatalf("round trip changed the slot:\n%x\n%x", b, again)
		}
	})
}
