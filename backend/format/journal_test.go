package format

import (
	"errors"
	"testing"
)

func journalOf(h JournalHeader, frames ...string) []byte {
	b := AppendJournalHeader(nil, h)
	for i, f := range frames {
		b = AppendFrame(b, Frame{Generation: h.Generation, Seq: uint64(i + 1), Sealed: []byte(f)})
	}
	return b
}

func TestJournalRoundTrip(t *testing.T) {
	h := JournalHeader{VaultID: [16]byte{7}, Generation: 5}
	j, err := ParseJournal(journalOf(h, "one", "two", "three"))
	if err != nil || j.Header != h || len(j.Frames) != 3 || j.Torn != 0 {
		t.Fatalf("%+v, %v", j, err)
	}
	if string(j.Frames[2].Sealed) != "three" || j.Frames[2].Seq != 3 {
		t.Fatalf("frame 3 = %+v", j.Frames[2])
	}
	empty, err := ParseJournal(journalOf(h))
	if err != nil || len(empty.Frames) != 0 {
		t.Fatalf("empty journal: %+v, %v", empty, err)
	}
}

func TestJournalTornTail(t *testing.T) {
	h := JournalHeader{Generation: 1}
	full := journalOf(h, "one", "two")
	two := len(journalOf(h, "one"))
	for cut := two + 1; cut < len(full); cut++ {
		j, err := ParseJournal(full[:cut])
		if err != nil || len(j.Frames) != 1 || j.Torn != cut-two {
			t.Fatalf("cut at %d: %d frames, torn %d, %v", cut, len(j.Frames), j.Torn, err)
		}
	}
	// A crash can also leave the file longer but zero-filled.
	zeroed := append(journalOf(h, "one"), make([]byte, 100)...)
	if j, err := ParseJournal(zeroed); err != nil || len(j.Frames) != 1 || j.Torn != 100 {
		t.Fatalf("zero tail: %+v, %v", j, err)
	}
}

func TestJournalDamageIsAnError(t *testing.T) {
	h := JournalHeader{Generation: 1}
	good := journalOf(h, "one", "two")
	second := len(journalOf(h, "one"))
	flip := func(i int) []byte {
		b := append([]byte(nil), good...)
		b[i] ^= 0x10
		return b
	}
	swapped := AppendJournalHeader(nil, h)
	swapped = AppendFrame(swapped, Frame{Generation: 1, Seq: 2, Sealed: []byte("two")})
	swapped = AppendFrame(swapped, Frame{Generation: 1, Seq: 1, Sealed: []byte("one")})
	otherGen := AppendFrame(journalOf(h, "one"), Frame{Generation: 0, Seq: 2, Sealed: []byte("x")})
	for name, tc := range map[string]struct {
		b    []byte
		want error
	}{
		"first frame length": {flip(len(journalOf(h)) + 3), ErrCorrupt},
		"second frame seq":   {flip(second + 19), ErrCorrupt},
		"reordered":          {swapped, ErrCorrupt},
		"other generation":   {otherGen, ErrCorrupt},
		"foreign":            {[]byte("hello world, not a journal"), ErrNotVault},
		"newer":              {append([]byte(JournalMagic), 0, 9), ErrNewerVersion},
		"header cut":         {good[:len(JournalMagic)+5], ErrTruncated},
	} {
		if _, err := ParseJournal(tc.b); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", name, err, tc.want)
		}
	}
}

func TestFrameADBindsPlace(t *testing.T) {
	h := JournalHeader{VaultID: [16]byte{1}, Generation: 3}
	a := string(FrameAD(h, 1))
	if a == string(FrameAD(h, 2)) || a == string(FrameAD(JournalHeader{VaultID: h.VaultID, Generation: 4}, 1)) || a == string(FrameAD(JournalHeader{Generation: 3}, 1)) {
		t.Fatal("frame AD does not bind sequence, generation and vault")
	}
}

func TestScanJournalSkipsADamagedFrame(t *testing.T) {
	h := JournalHeader{Generation: 1}
	good := journalOf(h, "one", "two", "three")
	second := len(journalOf(h, "one"))
	b := append([]byte(nil), good...)
	b[second+2] ^= 0x10 // the second frame's length
	j, err := ScanJournal(b)
	if err != nil || len(j.Frames) != 2 || j.Frames[0].Seq != 1 || j.Frames[1].Seq != 3 || string(j.Frames[1].Sealed) != "three" {
		t.Fatalf("%+v, %v", j, err)
	}
	if _, err := ParseJournal(b); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("strict parse: %v", err)
	}
	cut, err := ScanJournal(good[:len(good)-2])
	if err != nil || len(cut.Frames) != 2 || cut.Skipped != len(good)-2-len(journalOf(h, "one", "two")) {
		t.Fatalf("cut: %+v, %v", cut, err)
	}
}

func TestCommitRoundTrip(t *testing.T) {
	c := Commit{VaultID: [16]byte{1}, Generation: 2, Seq: 3, Last: [16]byte{4}, Sealed: make([]byte, 40)}
	b := AppendCommit(nil, c)
	got, err := ParseCommit(b)
	if err != nil || len(b) != CommitSlotSize || got.Seq != 3 || got.Last != c.Last || len(got.Sealed) != 40 {
		t.Fatalf("%+v, %v", got, err)
	}
	if _, err := ParseCommit(make([]byte, CommitSlotSize)); err == nil {
		t.Fatal("an empty slot parsed")
	}
	b[len(b)-1] = 1
	if _, err := ParseCommit(b); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("junk padding: %v", err)
	}
}
