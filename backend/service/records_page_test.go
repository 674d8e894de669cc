package service

import (
	"errors"
	"testing"

	"vaultbar/backend/model"
)

func TestListPageAndIndexOf(t *testing.T) {
	s := created(t)
	addLogin(t, s, "Bravo", "b")
	a := addLogin(t, s, "Alpha", "a")
	c := addLogin(t, s, "Charlie", "c")
	p, err := s.ListPage(model.Filter{}, 1, 1, c.ID)
	if err != nil || p.Total != 3 || len(p.Items) != 1 || p.Items[0].Name != "Bravo" || p.At != 2 {
		t.Fatalf("ListPage = %+v, %v", p, err)
	}
	if i, _ := s.IndexOf(model.Filter{}, c.ID); i != 2 {
		t.Fatalf("IndexOf Charlie = %d", i)
	}
	if i, _ := s.IndexOf(model.Filter{Query: "b"}, a.ID); i != -1 {
		t.Fatalf("IndexOf Alpha in b = %d", i)
	}
	s.Lock()
	if _, err := s.ListPage(model.Filter{}, 0, 10, ""); !errors.Is(err, ErrVaultLocked) {
		t.Fatalf("ListPage while locked: %v", err)
	}
}
