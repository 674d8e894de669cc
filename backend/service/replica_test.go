package service

import (
	"sync"
	"testing"

	"vaultbar/backend/model"
	"vaultbar/backend/secrets"
)

var _ secrets.SecretBag = (*VaultService)(nil)

func TestMarkPublishedKeepsReEditedEntities(t *testing.T) {
	s := created(t)
	a := addLogin(t, s, "A", "alice")
	b := addLogin(t, s, "B", "bob")
	pub := s.Unpublished()
	if len(pub) != 2 {
		t.Fatalf("%d unpublished, want 2", len(pub))
	}
	// The user edits A while the engine writes its copies out.
	note := "edited after the copy"
	if _, err := s.UpdateRecord(a.ID, model.RecordPatch{Notes: &note}); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkPublished(pub); err != nil {
		t.Fatal(err)
	}
	left := s.Unpublished()
	if len(left) != 1 || left[0].ID != a.ID || left[0].Get(model.RegNotes) != note {
		t.Fatalf("unpublished after MarkPublished = %v, want only A with the new notes", ids(left))
	}
	s.Lock()
	if err := s.Unlock(pw); err != nil {
		t.Fatal(err)
	}
	if left := s.Unpublished(); len(left) != 1 || left[0].ID != a.ID {
		t.Fatalf("unpublished after reopen = %v, want [%s] (B %s was published)", ids(left), a.ID, b.ID)
	}
}

func ids(es []*model.Entity) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func TestApplyMergesSavesAndAnnounces(t *testing.T) {
	here, there := created(t), created(t)
	r := addLogin(t, there, "Shared", "carol")
	var got []Change
	unsub := here.Subscribe(func(c Change) { got = append(got, c) })
	defer unsub()

	changed, err := here.Apply(there.All())
	if err != nil {
		t.Fatal(err)
	}
	if len(changed) != 1 || changed[0] != r.ID {
		t.Fatalf("Apply changed %v, want [%s]", changed, r.ID)
	}
	if len(got) != 1 || got[0].Origin != FromSync || len(got[0].Records) != 1 {
		t.Fatalf("changes = %+v, want one FromSync naming the record", got)
	}
	if len(here.Unpublished()) != 0 {
		t.Error("a merged entity counts as unpublished on the receiving device")
	}
	if again, _ := here.Apply(there.All()); len(again) != 0 {
		t.Errorf("second Apply changed %v, want nothing", again)
	}
	here.Lock()
	if err := here.Unlock(pw); err != nil {
		t.Fatal(err)
	}
	if _, err := here.Find("shared"); err != nil {
		t.Fatalf("merged record lost on reopen: %v", err)
	}
}

func TestSyncStateRoundTrip(t *testing.T) {
	s := created(t)
	if err := s.SaveSyncState([]byte("engine bytes")); err != nil {
		t.Fatal(err)
	}
	s.Lock()
	if err := s.Unlock(pw); err != nil {
		t.Fatal(err)
	}
	if got := string(s.SyncState()); got != "engine bytes" {
		t.Fatalf("SyncState after reopen = %q", got)
	}
}

func TestSubscribe(t *testing.T) {
	s := created(t)
	var got []Change
	unsub := s.Subscribe(func(c Change) { got = append(got, c) })
	r := addLogin(t, s, "A", "alice")
	same := "A"
	if _, err := s.UpdateRecord(r.ID, model.RecordPatch{Name: &same}); err != nil {
		t.Fatal(err)
	}
	g, _ := s.AddGroup("Work")
	s.Lock()
	unsub()
	if err := s.Unlock(pw); err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{Origin: FromLocalEdit, Records: []string{r.ID}},
		{Origin: FromLocalEdit, Groups: []string{g.ID}},
		{Origin: FromLockState, Locked: true},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d changes %+v, want %+v (an edit that changes nothing is not announced)", len(got), got, want)
	}
	for i := range want {
		if got[i].Origin != want[i].Origin || got[i].Locked != want[i].Locked ||
			len(got[i].Records) != len(want[i].Records) || len(got[i].Groups) != len(want[i].Groups) {
			t.Errorf("change %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestConcurrentEdits runs the user's edits and the sync engine's calls at
// once; run with -race.
func TestConcurrentEdits(t *testing.T) {
	s := created(t)
	const writers, each = 4, 8
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				if _, err := s.AddRecord(model.RecordInput{Type: "login", Name: string(rune('a'+w)) + string(rune('a'+i))}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { // the sync engine
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
			}
			if err := s.MarkPublished(s.Unpublished()); err != nil {
				t.Error(err)
			}
			s.All()
		}
	}()
	wg.Wait()
	close(stop)
	<-done
	s.Lock()
	if err := s.Unlock(pw); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Counts(); c["all"] != writers*each {
		t.Fatalf("%d records after reopen, want %d", c["all"], writers*each)
	}
}
