package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"vaultbar/internal/disktest"

	"vaultbar/backend/crypto"
	"vaultbar/backend/internal/fakevault"
	"vaultbar/backend/model"
)

var light = crypto.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}

func TestMain(m *testing.M) {
	if dir := os.Getenv("VAULTBAR_STORE_CHILD_OPEN"); dir != "" {
		childOpen(dir) // a second process, for TestLockedByAnotherProcess
		return
	}
	if dir := os.Getenv("VAULTBAR_STORE_CHILD_APPEND"); dir != "" {
		childAppend(dir) // saves until killed, for TestKill9DuringSaves
		return
	}
	newParams = func() crypto.KDFParams { return light }
	os.Exit(m.Run())
}

var pw = []byte("correct horse battery staple")

func newVault(t testing.TB, n int) (string, *Store, []*model.Entity) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "vault")
	ents := fakevault.Records(n, 1)
	s, err := Create(dir, pw, CreateOptions{Entities: ents, Local: []byte(`{"dev":"a"}`), KDF: &light})
	if err != nil {
		t.Fatal(err)
	}
	return dir, s, ents
}

func mustOpen(t testing.TB, dir string) (*Store, Contents) {
	t.Helper()
	s, c, err := Open(dir, pw)
	if err != nil {
		t.Fatal(err)
	}
	return s, c
}

func byID(ents []*model.Entity) map[string]*model.Entity {
	m := map[string]*model.Entity{}
	for _, e := range ents {
		m[e.ID] = e
	}
	return m
}

func sameEntities(t *testing.T, got, want []*model.Entity) {
	t.Helper()
	if !reflect.DeepEqual(byID(got), byID(want)) {
		t.Fatalf("entities differ: got %d, want %d", len(got), len(want))
	}
}

func edit(e *model.Entity, val string) *model.Entity {
	c := e.Clone()
	c.Regs[model.RegName] = model.Reg{V: val, S: model.Stamp{Wall: 1 << 50, Dev: "test"}}
	return c
}

func TestCreateOpenRoundTrip(t *testing.T) {
	dir, s, ents := newVault(t, 50)
	s.Close()
	s, c := mustOpen(t, dir)
	defer s.Close()
	sameEntities(t, c.Entities, ents)
	if string(c.Local) != `{"dev":"a"}` {
		t.Fatalf("local = %q", c.Local)
	}
}

func TestCreateRefusesAnExistingVault(t *testing.T) {
	dir, s, _ := newVault(t, 1)
	s.Close()
	before := disktest.Snapshot(t, dir, lockName)
	if _, err := Create(dir, pw, CreateOptions{KDF: &light}); !errors.Is(err, ErrExists) {
		t.Fatalf("err = %v, want ErrExists", err)
	}
	if !reflect.DeepEqual(before, disktest.Snapshot(t, dir, lockName)) {
		t.Fatal("Create changed an existing vault")
	}
}

func TestOpenMissingVault(t *testing.T) {
	if _, _, err := Open(filepath.Join(t.TempDir(), "none"), pw); !errors.Is(err, ErrNoVault) {
		t.Fatalf("err = %v", err)
	}
	if _, _, err := Open(t.TempDir(), pw); !errors.Is(err, ErrNoVault) {
		t.Fatalf("empty folder: err = %v", err)
	}
}

func TestWrongPasswordWritesNothing(t *testing.T) {
	dir, s, ents := newVault(t, 5)
	if err := s.Append([]*model.Entity{edit(ents[0], "x")}, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before := disktest.Snapshot(t, dir, lockName)
	if _, _, err := Open(dir, []byte("wrong")); !errors.Is(err, ErrWrongPassword) {
		t.Fatalf("err = %v, want ErrWrongPassword", err)
	}
	if !reflect.DeepEqual(before, disktest.Snapshot(t, dir, lockName)) {
		t.Fatal("a wrong password changed files")
	}
}

func TestAppendThenReopen(t *testing.T) {
	dir, s, ents := newVault(t, 20)
	want := append([]*model.Entity(nil), ents...)
	for i := range 5 {
		e := edit(ents[i], fmt.Sprint("edit ", i))
		want[i] = e
		if err := s.Append([]*model.Entity{e}, []byte(fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	added := &model.Entity{ID: "new", Kind: model.KindRecord, Regs: map[string]model.Reg{"name": {V: "New"}}}
	if err := s.Append([]*model.Entity{added}, []byte("last")); err != nil {
		t.Fatal(err)
	}
	want = append(want, added)
	gen := s.hdr.Generation
	s.Close()

	s, c := mustOpen(t, dir)
	defer s.Close()
	sameEntities(t, c.Entities, want)
	if string(c.Local) != "last" {
		t.Fatalf("local = %q", c.Local)
	}
	// Opening only read: the journal stays, the generation too, and no
	// backup was made.
	if _, err := os.Stat(filepath.Join(dir, journalName)); err != nil {
		t.Fatalf("journal gone after open: %v", err)
	}
	if s.hdr.Generation != gen {
		t.Fatalf("generation %d, want %d", s.hdr.Generation, gen)
	}
	if bs, _ := Backups(dir); len(bs) != 0 {
		t.Fatalf("%d backups, want 0", len(bs))
	}
}

func TestAppendIsSmallAndCompactionIsRequested(t *testing.T) {
	dir, s, ents := newVault(t, 200)
	defer s.Close()
	snap, _ := os.Stat(filepath.Join(dir, snapshotName))
	for i := 0; !s.NeedsCompaction(); i++ {
		if err := s.Append([]*model.Entity{edit(ents[i%len(ents)], fmt.Sprint(i))}, nil); err != nil {
			t.Fatal(err)
		}
		if i > 10_000 {
			t.Fatal("never asked for compaction")
		}
	}
	after, _ := os.Stat(filepath.Join(dir, snapshotName))
	if !after.ModTime().Equal(snap.ModTime()) || after.Size() != snap.Size() {
		t.Fatal("Append rewrote the snapshot")
	}
	if err := s.Compact(ents, nil); err != nil {
		t.Fatal(err)
	}
	if s.NeedsCompaction() {
		t.Fatal("still needs compaction after Compact")
	}
}

func TestLockedInThisProcess(t *testing.T) {
	dir, s, _ := newVault(t, 1)
	// flock locks belong to an open file description: a second open of the
	// lock file conflicts even within one process.
	if _, _, err := Open(dir, pw); !errors.Is(err, ErrLocked) {
		t.Fatalf("err = %v, want ErrLocked", err)
	}
	s.Close()
	s2, _ := mustOpen(t, dir)
	s2.Close()
}

func TestLockedByAnotherProcess(t *testing.T) {
	dir, s, _ := newVault(t, 1)
	out, _ := childCmd(dir).CombinedOutput()
	if !strings.Contains(string(out), "another Vaultbar is using this vault; quit it first") {
		t.Fatalf("child said %q", out)
	}
	s.Close()
	if out, _ := childCmd(dir).CombinedOutput(); !strings.Contains(string(out), "opened") {
		t.Fatalf("after close, child said %q", out)
	}
}

func childCmd(dir string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "VAULTBAR_STORE_CHILD_OPEN="+dir)
	return cmd
}

func childOpen(dir string) {
	s, _, err := Open(dir, pw)
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	s.Close()
	fmt.Println("opened")
}

func TestNewerVersion(t *testing.T) {
	dir, s, _ := newVault(t, 1)
	s.Close()
	path := filepath.Join(dir, snapshotName)
	b, _ := os.ReadFile(path)
	b[len("VAULTBAR-VAULT\n")+1] = 2
	os.WriteFile(path, b, 0o600)
	before := disktest.Snapshot(t, dir, lockName)
	_, _, err := Open(dir, pw)
	if err == nil || !strings.Contains(err.Error(), "written by a newer version of Vaultbar; update Vaultbar to open it") {
		t.Fatalf("err = %v", err)
	}
	if !reflect.DeepEqual(before, disktest.Snapshot(t, dir, lockName)) {
		t.Fatal("opening a newer file changed files")
	}
}

func TestChangePassword(t *testing.T) {
	dir, s, ents := newVault(t, 10)
	for i := range 3 { // three backups
		if err := s.Compact(ents, []byte(fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	e := edit(ents[0], "after")
	if err := s.Append([]*model.Entity{e}, nil); err != nil {
		t.Fatal(err)
	}
	newPw := []byte("a new password")
	if err := s.CheckPassword(newPw); !errors.Is(err, ErrWrongPassword) {
		t.Fatalf("CheckPassword(new) before the change = %v, want ErrWrongPassword", err)
	}
	if err := s.CheckPassword(pw); err != nil {
		t.Fatalf("CheckPassword(current) = %v", err)
	}
	all := append([]*model.Entity{e}, ents[1:]...)
	if err := s.ChangePassword(newPw, all, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, _, err := Open(dir, pw); !errors.Is(err, ErrWrongPassword) {
		t.Fatalf("old password: %v", err)
	}
	s, c, err := Open(dir, newPw)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if c.Entities[0].Get(model.RegName) != "after" && byID(c.Entities)[e.ID].Get(model.RegName) != "after" {
		t.Fatal("the journal's save was lost")
	}
	bs, _ := Backups(dir)
	if len(bs) < 3 {
		t.Fatalf("%d backups", len(bs))
	}
	for _, b := range bs {
		data, _ := os.ReadFile(filepath.Join(dir, backupDir, b.Name))
		if _, _, _, err := unseal(data, newKeyCache(pw)); !errors.Is(err, ErrWrongPassword) {
			t.Errorf("backup %s with the old password: %v", b.Name, err)
		}
		if _, _, _, err := unseal(data, newKeyCache(newPw)); err != nil {
			t.Errorf("backup %s with the new password: %v", b.Name, err)
		}
	}
}

// useClock makes backups be named by a clock the test moves.
func useClock(t *testing.T) *time.Time {
	t.Helper()
	at := time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)
	now = func() time.Time { return at }
	t.Cleanup(func() { now = time.Now })
	return &at
}

func TestBackupsRotate(t *testing.T) {
	at := useClock(t)
	dir, s, ents := newVault(t, 3)
	defer s.Close()
	for i := range keepBackups + 3 {
		*at = at.Add(2 * backupSpacing)
		if err := s.Compact(ents, []byte(fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	bs, err := Backups(dir)
	if err != nil || len(bs) != keepBackups {
		t.Fatalf("%d backups, %v", len(bs), err)
	}
	// Newest first: the newest backup is the snapshot before the last Compact.
	data, _ := os.ReadFile(filepath.Join(dir, backupDir, bs[0].Name))
	_, dk, p, err := unseal(data, newKeyCache(pw))
	if err != nil || string(p.Local) != fmt.Sprint(keepBackups+1) {
		t.Fatalf("newest backup holds %q, %v", p.Local, err)
	}
	dk.Wipe()
}

// A burst of saves (the CLI run in a loop) keeps its newest few backups but
// never pushes out the older, spaced-out ones.
func TestABurstOfSavesKeepsOlderBackups(t *testing.T) {
	at := useClock(t)
	dir, s, ents := newVault(t, 3)
	defer s.Close()
	for i := range 5 {
		*at = at.Add(2 * backupSpacing)
		if err := s.Compact(ents, []byte(fmt.Sprint("hourly ", i))); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := Backups(dir)
	*at = at.Add(2 * backupSpacing)
	for i := range 30 {
		*at = at.Add(time.Second)
		if err := s.Compact(ents, []byte(fmt.Sprint("burst ", i))); err != nil {
			t.Fatal(err)
		}
	}
	after, _ := Backups(dir)
	if len(after) != len(before)+keepRecent {
		t.Fatalf("%d backups after the burst, want %d (the %d older ones and the newest %d)", len(after), len(before)+keepRecent, len(before), keepRecent)
	}
	for _, old := range before {
		if !slices.ContainsFunc(after, func(b Backup) bool { return b.Name == old.Name }) {
			t.Errorf("backup %s from before the burst was deleted", old.Name)
		}
	}
}

func TestClosedStore(t *testing.T) {
	_, s, _ := newVault(t, 1)
	s.Close()
	if err := s.Append(nil, nil); !errors.Is(err, ErrClosed) {
		t.Fatal(err)
	}
	if !bytes.Equal(s.hdr.VaultID[:], s.hdr.VaultID[:]) || s.dk != nil {
		t.Fatal("key not dropped")
	}
}

// An open store keeps what it needs of the file's header, never the sealed
// file it was read from: at 100,000 records that file is 30 MB, held for as
// long as the vault is open.
func TestOpenStoreDoesNotHoldTheFile(t *testing.T) {
	const size = 16 << 20
	dir := filepath.Join(t.TempDir(), "vault")
	s, err := Create(dir, pw, CreateOptions{Local: bytes.Repeat([]byte("x"), size), KDF: &light})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	before := heapAfterGC()
	s, _ = mustOpen(t, dir) // the contents, which alias the plaintext, are dropped
	defer s.Close()
	if grown := heapAfterGC() - before; grown > size/2 {
		t.Errorf("the open store holds %d MB more than before", grown>>20)
	}
}

func heapAfterGC() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}
