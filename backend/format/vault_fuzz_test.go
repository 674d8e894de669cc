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
