package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"vaultbar/internal/disktest"

	"vaultbar/backend/format"
	"vaultbar/backend/model"
)

// failOn sets the fault hook to fail op (on paths containing part) with err,
// and returns a function that removes the hook.
func failOn(op, part string, err error) func() {
	fault = func(o, p string) error {
		if o == op && strings.Contains(p, part) {
			return err
		}
		return nil
	}
	return func() { fault = nil }
}

// vaultWithBackups makes a vault with two backups and one journal save.
func vaultWithBackups(t *testing.T) (string, []*model.Entity) {
	dir, s, ents := newVault(t, 20)
	for i := range 2 {
		if err := s.Compact(ents, []byte(fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	return dir, ents
}

func flip(t *testing.T, path string, at func(n int) int) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[at(len(b))] ^= 0x40
	os.WriteFile(path, b, 0o600)
}

func TestCorruptSnapshotNamesTheNewestGoodBackup(t *testing.T) {
	saltAt := len(format.VaultMagic) + 2 + 16 + 9 + 1
	for name, damage := range map[string]func(path string){
		"payload byte":  func(p string) { flip(t, p, func(n int) int { return n - 100 }) },
		"salt byte":     func(p string) { flip(t, p, func(int) int { return saltAt }) },
		"generation":    func(p string) { flip(t, p, func(int) int { return saltAt + 16 + 2 + 72 + 7 }) },
		"magic":         func(p string) { flip(t, p, func(int) int { return 0 }) },
		"truncated":     func(p string) { b, _ := os.ReadFile(p); os.WriteFile(p, b[:len(b)/2], 0o600) },
		"header only":   func(p string) { b, _ := os.ReadFile(p); os.WriteFile(p, b[:20], 0o600) },
		"empty":         func(p string) { os.WriteFile(p, nil, 0o600) },
		"deleted":       func(p string) { os.Remove(p) },
		"journal frame": nil,
	} {
		t.Run(name, func(t *testing.T) {
			dir, ents := vaultWithBackups(t)
			path := filepath.Join(dir, snapshotName)
			if damage == nil { // damage the first of two journal frames
				s, _ := mustOpen(t, dir)
				s.Append([]*model.Entity{edit(ents[0], "a")}, nil)
				s.Append([]*model.Entity{edit(ents[1], "b")}, nil)
				s.Close()
				path = filepath.Join(dir, journalName)
				hdr := len(format.JournalMagic) + 2 + 16 + 8
				damage = func(p string) { flip(t, p, func(int) int { return hdr + 24 + 30 }) }
			}
			damage(path)
			before := disktest.Snapshot(t, dir, lockName)
			_, _, err := Open(dir, pw)
			var ce *CorruptError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a *CorruptError", err)
			}
			if ce.Recovery == nil || !strings.Contains(err.Error(), "recovery would use every intact copy: ") || !strings.Contains(err.Error(), path) {
				t.Fatalf("message %q does not say what recovery would do", err)
			}
			if !reflect.DeepEqual(before, disktest.Snapshot(t, dir, lockName)) {
				t.Fatal("opening a damaged vault changed files")
			}
			// And the advice works: every backup went into the recovery.
			r, err := Recover(dir, pw, true)
			if err != nil {
				t.Fatal(err)
			}
			s, c := mustOpen(t, dir)
			defer s.Close()
			if len(c.Entities) != len(ents) {
				t.Fatalf("recovered %d entities, want %d (%s)", len(c.Entities), len(ents), r)
			}
			have := map[string]bool{}
			for _, h := range disktest.Snapshot(t, dir, lockName) {
				have[h] = true
			}
			for p, h := range before {
				if !have[h] {
					t.Fatalf("%s was not kept (as *.damaged-* or a backup): %s", p, r)
				}
			}
		})
	}
}

func TestCorruptWithoutBackups(t *testing.T) {
	dir, s, _ := newVault(t, 5)
	s.Close()
	flip(t, filepath.Join(dir, snapshotName), func(n int) int { return n - 1 })
	_, _, err := Open(dir, pw)
	var ce *CorruptError
	if !errors.As(err, &ce) || !errors.Is(err, format.ErrCorrupt) || !strings.HasSuffix(err.Error(), "no copy of the vault opens with this password") {
		t.Fatalf("err = %v", err)
	}
}

func TestWrongPasswordWithBackupsIsStillWrongPassword(t *testing.T) {
	dir, _ := vaultWithBackups(t)
	if _, _, err := Open(dir, []byte("nope")); !errors.Is(err, ErrWrongPassword) {
		t.Fatalf("err = %v", err)
	}
}

func TestRestoreBackupChecksPasswordAndName(t *testing.T) {
	dir, _ := vaultWithBackups(t)
	bs, _ := Backups(dir)
	before := disktest.Snapshot(t, dir, lockName)
	if err := RestoreBackup(dir, bs[0].Name, []byte("nope")); !errors.Is(err, ErrWrongPassword) {
		t.Fatalf("err = %v", err)
	}
	for _, bad := range []string{"../vault.vbv", "vault-1.vbv", "vault-20000101-000000.vbv"} {
		if err := RestoreBackup(dir, bad, pw); err == nil {
			t.Fatalf("restored %q", bad)
		}
	}
	if !reflect.DeepEqual(before, disktest.Snapshot(t, dir, lockName)) {
		t.Fatal("a refused restore changed files")
	}
}

func TestDiskFullKeepsTheVault(t *testing.T) {
	dir, s, ents := newVault(t, 30)
	defer s.Close()
	if err := s.Append([]*model.Entity{edit(ents[0], "kept")}, nil); err != nil {
		t.Fatal(err)
	}
	before := disktest.Snapshot(t, dir, lockName)
	enospc := &shortWrite{n: 1000, err: syscall.ENOSPC}

	undo := failOn("write", ".vault.vbv.tmp-", enospc)
	err := s.Compact(ents, nil)
	undo()
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "the disk is full; free some space and try again") {
		t.Fatalf("compact: %v", err)
	}
	undo = failOn("write", journalName, enospc)
	err = s.Append([]*model.Entity{edit(ents[1], "lost")}, nil)
	undo()
	if !errors.Is(err, ErrDiskFull) {
		t.Fatalf("append: %v", err)
	}
	if !reflect.DeepEqual(before, disktest.Snapshot(t, dir, lockName)) {
		t.Fatal("a failed save changed the vault's files")
	}
	// The journal was cut back, so saving goes on once there is room.
	if err := s.Append([]*model.Entity{edit(ents[2], "later")}, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, c := mustOpen(t, dir)
	defer s2.Close()
	got := byID(c.Entities)
	if got[ents[0].ID].Get("name") != "kept" || got[ents[1].ID].Get("name") == "lost" || got[ents[2].ID].Get("name") != "later" {
		t.Fatal("wrong contents after a disk-full save")
	}
}

// Tests run as root, where chmod does not stop writes, so a read-only
// folder is simulated with EROFS from the fault hook; as another user the
// real chmod case runs too.
func TestReadOnlyFolder(t *testing.T) {
	dir, s, ents := newVault(t, 5)
	defer s.Close()
	before := disktest.Snapshot(t, dir, lockName)
	undo := failOn("create", dir, syscall.EROFS)
	errC := s.Compact(ents, nil)
	errA := s.Append(ents[:1], nil)
	undo()
	for _, err := range []error{errC, errA} {
		if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "the vault folder is read-only; make it writable and try again") {
			t.Fatalf("err = %v", err)
		}
	}
	if !reflect.DeepEqual(before, disktest.Snapshot(t, dir, lockName)) {
		t.Fatal("files changed")
	}
	if os.Geteuid() == 0 {
		t.Log("running as root: chmod 0500 does not block writes; checked with injected EROFS only")
		return
	}
	s.Close()
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	if _, err := Create(filepath.Join(dir, "sub"), pw, CreateOptions{KDF: &light}); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("create in a read-only folder: %v", err)
	}
}

// crashAt fails step n of the disk-changing steps and every one after it,
// as if the machine stopped there.
func crashAt(n int) (steps *int, undo func()) {
	count := 0
	fault = func(op, path string) error {
		count++
		if count >= n {
			return errors.New("crashed")
		}
		return nil
	}
	return &count, func() { fault = nil }
}

func TestCrashDuringCompactLosesNothing(t *testing.T) {
	for n := 1; ; n++ {
		dir, s, ents := newVault(t, 10)
		acked := edit(ents[0], "acknowledged")
		if err := s.Append([]*model.Entity{acked}, []byte("1")); err != nil {
			t.Fatal(err)
		}
		all := append([]*model.Entity{acked, edit(ents[1], "compacted")}, ents[2:]...)
		steps, undo := crashAt(n)
		err := s.Compact(all, []byte("2"))
		undo()
		s.Close()
		s2, c := mustOpen(t, dir)
		s2.Close()
		got := byID(c.Entities)
		if got[acked.ID].Get("name") != "acknowledged" {
			t.Fatalf("crash at step %d lost an acknowledged save", n)
		}
		if err == nil {
			if got[ents[1].ID].Get("name") != "compacted" {
				t.Fatal("completed compaction lost")
			}
			t.Logf("compaction has %d crash points, all safe", *steps)
			return
		}
	}
}

func TestCrashDuringAppend(t *testing.T) {
	for _, cut := range []int{0, 5, 24, 60, 1 << 20} {
		dir, s, ents := newVault(t, 10)
		s.Append([]*model.Entity{edit(ents[0], "first")}, nil)
		fault = func(op, p string) error { // the crash also stops the undo
			if op == "write" && strings.HasSuffix(p, journalName) {
				return &shortWrite{n: cut, err: errors.New("crashed")}
			}
			if op == "truncate" {
				return errors.New("crashed")
			}
			return nil
		}
		err := s.Append([]*model.Entity{edit(ents[1], "torn")}, nil)
		fault = nil
		if err == nil {
			t.Fatal("append with a crash succeeded")
		}
		if !s.NeedsCompaction() {
			t.Fatal("a journal with an unknown tail does not ask for compaction")
		}
		if err := s.Append(nil, nil); err == nil {
			t.Fatal("appended after a torn frame")
		}
		s.Close()
		s2, c, err := Open(dir, pw)
		if err != nil {
			t.Fatalf("cut %d: %v", cut, err)
		}
		s2.Close()
		got := byID(c.Entities)
		if got[ents[0].ID].Get("name") != "first" {
			t.Fatal("lost the acknowledged save")
		}
		if cut < 1<<20 && got[ents[1].ID].Get("name") == "torn" {
			t.Fatal("applied a torn save")
		}
	}
}

func TestZeroFilledLastFrameIsTorn(t *testing.T) {
	dir, s, ents := newVault(t, 5)
	s.Append([]*model.Entity{edit(ents[0], "first")}, nil)
	commit, _ := os.ReadFile(filepath.Join(dir, commitName))
	s.Append([]*model.Entity{edit(ents[1], "second")}, nil)
	s.Close()
	// The file grew but the last frame's data never reached the disk, and
	// the crash came before the commit vouched for it.
	os.WriteFile(filepath.Join(dir, commitName), commit, 0o600)
	path := filepath.Join(dir, journalName)
	b, _ := os.ReadFile(path)
	for i := len(b) - 40; i < len(b); i++ {
		b[i] = 0
	}
	os.WriteFile(path, b, 0o600)
	s2, c := mustOpen(t, dir)
	s2.Close()
	if got := byID(c.Entities); got[ents[0].ID].Get("name") != "first" || got[ents[1].ID].Get("name") == "second" {
		t.Fatal("wrong contents")
	}
}

func TestStaleJournalIsIgnored(t *testing.T) {
	dir, s, ents := newVault(t, 5)
	s.Append([]*model.Entity{edit(ents[0], "old")}, nil)
	journal, _ := os.ReadFile(filepath.Join(dir, journalName))
	all := append([]*model.Entity{edit(ents[0], "new")}, ents[1:]...)
	s.Compact(all, nil)
	s.Close()
	// A crash between the new snapshot and the journal's removal.
	os.WriteFile(filepath.Join(dir, journalName), journal, 0o600)
	s2, c := mustOpen(t, dir)
	s2.Close()
	if byID(c.Entities)[ents[0].ID].Get("name") != "new" {
		t.Fatal("an old journal was replayed over a newer snapshot")
	}
}

// Opening only reads: a vault whose journal holds saves and a torn tail is
// byte for byte the same after an open and close (a command refused after
// opening changes nothing). The first save then cuts the torn tail and goes
// on after the last good frame.
func TestOpenWritesNothing(t *testing.T) {
	dir, s, ents := newVault(t, 5)
	s.Append([]*model.Entity{edit(ents[0], "one")}, nil)
	s.Close()
	f, _ := os.OpenFile(filepath.Join(dir, journalName), os.O_WRONLY|os.O_APPEND, 0)
	f.Write(format.AppendFrame(nil, format.Frame{Generation: 1, Seq: 2, Sealed: make([]byte, 200)})[:60])
	f.Close()
	before := disktest.Snapshot(t, dir, lockName)
	s2, c := mustOpen(t, dir)
	s2.Close()
	if diff := disktest.Diff(before, disktest.Snapshot(t, dir, lockName)); diff != "" {
		t.Fatalf("opening changed the vault: %s", diff)
	}
	if byID(c.Entities)[ents[0].ID].Get("name") != "one" {
		t.Fatal("wrong state")
	}
	s3, _ := mustOpen(t, dir)
	if err := s3.Append([]*model.Entity{edit(ents[1], "two")}, nil); err != nil {
		t.Fatal(err)
	}
	s3.Close()
	s4, c := mustOpen(t, dir)
	s4.Close()
	got := byID(c.Entities)
	if got[ents[0].ID].Get("name") != "one" || got[ents[1].ID].Get("name") != "two" {
		t.Fatal("saves lost")
	}
}
