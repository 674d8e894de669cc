package model

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// The index is patched after edits and merges rather than rebuilt; after
// any sequence of them every list must be what a fresh index gives.
func TestPatchedIndexMatchesARebuild(t *testing.T) {
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 3))
		v, _ := newVault("d")
		var ids []string
		for i := range 300 {
			v.List(Filter{}) // builds or patches the index
			switch op := rng.IntN(7); {
			case op == 0 || len(ids) == 0:
				var groups []string
				if rng.IntN(2) == 0 {
					groups = []string{"personal"}
				}
				r, err := v.AddRecord(RecordInput{Type: "login", Name: fmt.Sprintf("n%03d", rng.IntN(200)), Groups: groups,
					Fields: map[string]string{"username": fmt.Sprint("u", i)}})
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, r.ID)
			case op == 1:
				name := fmt.Sprintf("n%03d", rng.IntN(200))
				v.UpdateRecord(ids[rng.IntN(len(ids))], RecordPatch{Name: &name})
			case op == 2:
				v.DeleteRecord(ids[rng.IntN(len(ids))])
			case op == 3:
				v.RestoreRecord(ids[rng.IntN(len(ids))])
			case op == 4:
				v.PurgeRecord(ids[rng.IntN(len(ids))])
			case op == 5: // a merge puts another copy in the entity's place
				e := v.Entity(ids[rng.IntN(len(ids))]).Clone()
				e.Regs[RegName] = Reg{V: fmt.Sprintf("m%03d", rng.IntN(200)), S: v.clock.Next()}
				v.Put(e)
			default: // many changes at once, past the patch limit
				for range rng.IntN(100) {
					fav := rng.IntN(2) == 0
					v.UpdateRecord(ids[rng.IntN(len(ids))], RecordPatch{Favorite: &fav})
				}
			}
			fresh := Load(v.clock, v.Entities())
			if got, want := v.Counts(), fresh.Counts(); !reflect.DeepEqual(got, want) {
				t.Fatalf("seed %d step %d: counts from the patched index %v, want %v", seed, i, got, want)
			}
			for _, f := range []Filter{{}, {Deleted: true}, {Query: "n1"}, {Favorites: true}} {
				if got, want := v.List(f), fresh.List(f); !reflect.DeepEqual(got, want) {
					t.Fatalf("seed %d step %d, filter %+v: patched index lists\n%v\nwant\n%v", seed, i, f, got, want)
				}
				if got, want := v.ListPage(f, 0, 20, ""), fresh.ListPage(f, 0, 20, ""); !reflect.DeepEqual(got, want) {
					t.Fatalf("seed %d step %d, filter %+v: page %+v, want %+v", seed, i, f, got, want)
				}
			}
		}
	}
}

// A large vault's index is made on several goroutines; under -race this
// shows they only read the vault, and the result is the same as one
// goroutine's.
func TestParallelIndexMatchesSequential(t *testing.T) {
	v, _ := newVault("d")
	for i := range 10_000 {
		typ := []string{"login", "secure-note", "server", "wifi"}[i%4]
		if _, err := v.AddRecord(RecordInput{Type: typ, Name: fmt.Sprintf("r%05d", (i*7919)%10_000),
			Fields: map[string]string{"username": fmt.Sprint("u", i)}}); err != nil {
			t.Fatal(err)
		}
	}
	v.resetCaches() // cold: the build also decodes the types
	got := v.recordIndex()
	want := make([]indexed, 0, len(got))
	for _, e := range v.ents {
		if e.Kind == KindRecord {
			want = append(want, v.entry(e))
		}
	}
	sortIndex(want)
	if !reflect.DeepEqual(got, want) {
		t.Fatal("the parallel index differs from one made on one goroutine")
	}
}
