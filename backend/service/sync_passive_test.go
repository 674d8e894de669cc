package service

import (
	"context"
	"testing"
	"time"

	"vaultbar/backend/syncer"
)

// A device whose folder is watched learns by itself that the cloud sync
// password was changed elsewhere: no Sync Now on it.
func TestSyncNoticesAPasswordChangeByItself(t *testing.T) {
	dir := t.TempDir()
	fast := []SyncOption{WithSyncTiming(50*time.Millisecond, 500*time.Millisecond), func(s *SyncService) { s.background = true }}
	a, b := newDevice(t, nil, fast...), newDevice(t, nil, fast...)
	a.setup(t, dir, syncPW)
	b.setup(t, dir, syncPW)
	addLoginTo(t, a, "Before")
	waitUntil(t, "B has the record from A", func() bool { return b.has("Before") }, a, b)

	if err := a.s.ChangePassword(context.Background(), "a brand new sync password"); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "B asks for the new password", func() bool { return b.s.Status().State == syncer.StateNeedsPassword }, a, b)
}

func waitUntil(t *testing.T, what string, ok func() bool, a, b *device) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); !ok(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out: %s; A: %+v; B: %+v", what, a.s.Status(), b.s.Status())
		}
	}
}
