package format

import (
	"bytes"
	"encoding/binary"
	"errors"
	"reflect"
	"testing"

	"vaultbar/backend/internal/fakevault"
	"vaultbar/backend/model"
)

// raw builds an encoding from a hand-written body and tables.
func raw(body []byte, devs, keys []string) []byte {
	b := binary.BigEndian.AppendUint64([]byte{entitiesVersion}, uint64(len(body)))
	b = append(b, body...)
	return appendTable(appendTable(b, devs), keys)
}

func sample() []*model.Entity {
	s := model.Stamp{Wall: 1700000000000, Count: 2, Dev: "dev-a"}
	return []*model.Entity{
		{ID: "r1", Kind: model.KindRecord, Regs: map[string]model.Reg{
			"name": {V: "GitHub", S: s}, "f/password": {V: "hunter2", S: s}, "g/work": {V: "1", S: model.Stamp{Wall: -5, Dev: "dev-b"}},
		}, History: []model.Version{{Key: "f/password", V: "old", S: model.Stamp{Wall: 1, Dev: "dev-b"}}}},
		{ID: "g1", Kind: model.KindGroup, Regs: map[string]model.Reg{"name": {V: "Work"}},
			Deleted: &model.Tombstone{S: s, Seen: map[string]model.Stamp{"name": {}}}},
		{ID: "", Kind: 200, Regs: map[string]model.Reg{}},
	}
}

func TestEntitiesRoundTrip(t *testing.T) {
	for _, ents := range [][]*model.Entity{nil, sample(), fakevault.Records(300, 1)} {
		b := AppendEntities(nil, ents)
		got, err := ParseEntities(b)
		if err != nil {
			t.Fatal(err)
		}
		if len(ents) == 0 && len(got) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, ents) {
			t.Fatalf("round trip changed the entities")
		}
	}
}

func TestEntitiesAreDeterministic(t *testing.T) {
	ents := fakevault.Records(100, 2)
	a := AppendEntities(nil, ents)
	for range 5 {
		clones := make([]*model.Entity, len(ents))
		for i, e := range ents {
			clones[i] = e.Clone() // fresh maps, fresh iteration order
		}
		if !bytes.Equal(a, AppendEntities(nil, clones)) {
			t.Fatal("same entities, different bytes")
		}
	}
}

func TestParseEntitiesRejectsEveryTruncation(t *testing.T) {
	b := AppendEntities(nil, sample())
	for n := range len(b) {
		if _, err := ParseEntities(b[:n]); err == nil {
			t.Fatalf("parsed a %d-byte prefix of %d bytes", n, len(b))
		}
	}
}

func TestParseEntitiesErrors(t *testing.T) {
	good := AppendEntities(nil, sample())
	for name, tc := range map[string]struct {
		b    []byte
		want error
	}{
		"empty":        {nil, ErrTruncated},
		"version":      {append([]byte{9}, good[1:]...), ErrCorrupt},
		"trailing":     {append(append([]byte(nil), good...), 0), ErrCorrupt},
		"body length":  {[]byte{1, 0xff, 0, 0, 0, 0, 0, 0, 0}, ErrTruncated},
		"huge count":   {raw([]byte{0xff, 0xff, 0xff, 0xff, 0x0f}, nil, nil), ErrTruncated},
		"huge table":   {append(binary.BigEndian.AppendUint64([]byte{1}, 1), 0, 0xff, 0xff, 0x7f), ErrTruncated},
		"varint":       {raw([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}, nil, nil), ErrCorrupt},
		"bad key":      {raw([]byte{1, 0, 1, 1, 5, 0, 0, 0, 0, 0, 0}, []string{""}, nil), ErrCorrupt},
		"bad dev":      {raw([]byte{1, 0, 1, 1, 0, 0, 0, 0, 9, 0, 0}, []string{""}, []string{"k"}), ErrCorrupt},
		"dup key":      {raw([]byte{1, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, []string{""}, []string{"k"}), ErrCorrupt},
		"keys order":   {raw([]byte{1, 0, 1, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0}, []string{""}, []string{"k", "a"}), ErrCorrupt},
		"bad deletion": {raw([]byte{1, 0, 1, 0, 0, 7}, nil, nil), ErrCorrupt},
	} {
		_, err := ParseEntities(tc.b)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", name, err, tc.want)
		}
	}
}

// The codec is on the unlock path of every vault; BenchmarkEntities100k
// tracks its budget (well under 100 ms each way for 100,000 records).

func benchEntities(b *testing.B, n int) {
	// Encode what a running app holds: entities as unlocking decoded them
	// (the generator's own allocations are scattered across the heap).
	enc := AppendEntities(nil, fakevault.Records(n, 1))
	ents, err := ParseEntities(enc)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("encode", func(b *testing.B) {
		buf := make([]byte, 0, len(enc))
		for b.Loop() {
			buf = AppendEntities(buf[:0], ents)
		}
		b.ReportMetric(float64(len(enc))/float64(n), "bytes/record")
	})
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			if _, err := ParseEntities(enc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkEntities10k(b *testing.B)  { benchEntities(b, 10_000) }
func BenchmarkEntities100k(b *testing.B) { benchEntities(b, 100_000) }
