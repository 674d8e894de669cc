package store

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
	"vaultbar/backend/model"
	"vaultbar/internal/disktest"
)

// sessions plays the CLI: each session opens the vault (which compacts the
// last session's journal into a new snapshot and a backup) and saves one
// edit. It returns every acknowledged entity state by id.
func sessions(t *testing.T, n int) (string, map[string]*model.Entity) {
	t.Helper()
	dir, s, ents := newVault(t, 6)
	s.Close()
	acked := byID(ents)
	for i := range n {
		s, c := mustOpen(t, dir)
		// Each session starts by folding the last one's journal into a
		// snapshot (which keeps a backup), as a grown journal would be.
		if err := s.Compact(c.Entities, c.Local); err != nil {
			t.Fatal(err)
		}
		e := edit(ents[i%len(ents)], fmt.Sprintf("edit %d", i))
		if err := s.Append([]*model.Entity{e}, []byte(fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
		acked[e.ID] = e
		s.Close()
	}
	return dir, acked
}

// recoverAll checks that opening fails with a *CorruptError that writes
// nothing, then recovers and returns the report and what opens after.
func recoverAll(t *testing.T, dir string) (*Report, map[string]*model.Entity) {
	t.Helper()
	before := disktest.Snapshot(t, dir, lockName)
	_, _, err := Open(dir, pw)
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.Recovery == nil {
		t.Fatalf("open: %v, want a *CorruptError with a recovery plan", err)
	}
	if !reflect.DeepEqual(before, disktest.Snapshot(t, dir, lockName)) {
		t.Fatal("opening a damaged vault changed files")
	}
	if _, err := Recover(dir, pw, false); err != nil || !reflect.DeepEqual(before, disktest.Snapshot(t, dir, lockName)) {
		t.Fatalf("a dry run changed files (%v)", err)
	}
	r, err := Recover(dir, pw, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("recovered %s; set aside %v", r, r.SetAside)
	for name := range before {
		if _, err := os.Lstat(filepath.Join(dir, name)); err != nil && !kept(dir, name) {
			t.Fatalf("recovery deleted %s", name)
		}
	}
	s, c := mustOpen(t, dir)
	s.Close()
	return r, byID(c.Entities)
}

// kept reports whether name was set aside under a new name.
func kept(dir, name string) bool {
	m, _ := filepath.Glob(filepath.Join(dir, name+".damaged-*"))
	return len(m) > 0
}

func wantAll(t *testing.T, got, want map[string]*model.Entity, except ...string) {
	t.Helper()
	for id, w := range want {
		if slicesContains(except, id) {
			continue
		}
		if g := got[id]; g == nil || !reflect.DeepEqual(g.Regs, w.Regs) {
			t.Errorf("entity %s: got %v, want %v", id, g, w.Regs)
		}
	}
}

func slicesContains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

func truncateTo(t *testing.T, path string, size func(n int) int) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b[:size(len(b))], 0o600); err != nil {
		t.Fatal(err)
	}
}

// Case 1 of issue 9: a damaged snapshot loses nothing its backups and the
// journals (kept beside them) still hold.
func TestRecoverDamagedSnapshotLosesNothing(t *testing.T) {
	for name, damage := range map[string]func(string){
		"flipped": func(p string) { flip(t, p, func(n int) int { return n / 2 }) },
		"deleted": func(p string) { os.Remove(p) },
		"emptied": func(p string) { os.WriteFile(p, nil, 0o600) },
		"folder":  func(p string) { os.Remove(p); os.Mkdir(p, 0o700) },
	} {
		t.Run(name, func(t *testing.T) {
			dir, acked := sessions(t, 5)
			damage(filepath.Join(dir, snapshotName))
			r, got := recoverAll(t, dir)
			wantAll(t, got, acked)
			if len(r.Missing) != 0 {
				t.Errorf("report says something may be missing: %s", r)
			}
			if name != "deleted" && !kept(dir, snapshotName) {
				t.Errorf("the damaged vault.vbv was not kept: %s", r)
			}
		})
	}
}

// Case 1, the other way: a damaged journal frame loses only that frame.
func TestRecoverDamagedJournalFrame(t *testing.T) {
	dir, s, ents := newVault(t, 6)
	a, b, c := edit(ents[0], "a"), edit(ents[1], "b"), edit(ents[2], "c")
	for _, e := range []*model.Entity{a, b, c} {
		if err := s.Append([]*model.Entity{e}, nil); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	hdr := len(format.JournalMagic) + 2 + 16 + 8
	jb, _ := os.ReadFile(filepath.Join(dir, journalName))
	frame := (len(jb) - hdr) / 3
	flip(t, filepath.Join(dir, journalName), func(int) int { return hdr + frame + frame/2 })
	r, got := recoverAll(t, dir)
	want := byID(ents)
	want[a.ID], want[c.ID] = a, c
	wantAll(t, got, want, b.ID)
	if got[b.ID].Get("name") == "b" || !strings.Contains(r.String(), "save 2 of vault.vbj (damaged)") {
		t.Fatalf("report %q does not name the lost save", r)
	}
	if !kept(dir, journalName) {
		t.Fatal("the damaged journal was not kept")
	}
}

// Case 2: a journal cut short, emptied or deleted is reported, never taken
// for a shorter one, and never deleted.
func TestCutJournalIsReported(t *testing.T) {
	for name, tc := range map[string]struct {
		damage func(string)
		want   string
	}{
		"half":    {func(p string) { truncateTo(t, p, func(n int) int { return n / 2 }) }, "the last 1 save of vault.vbj (cut off)"},
		"last":    {func(p string) { truncateTo(t, p, func(n int) int { return n - 3 }) }, "the last 1 save of vault.vbj (cut off)"},
		"emptied": {func(p string) { os.WriteFile(p, nil, 0o600) }, "the last 2 saves of vault.vbj (it does not read)"},
		"deleted": {func(p string) { os.Remove(p) }, "the last 2 saves of vault.vbj (the file is gone)"},
	} {
		t.Run(name, func(t *testing.T) {
			dir, s, ents := newVault(t, 6)
			a, b := edit(ents[0], "a"), edit(ents[1], "b")
			s.Append([]*model.Entity{a}, nil)
			s.Append([]*model.Entity{b}, nil)
			s.Close()
			tc.damage(filepath.Join(dir, journalName))
			r, got := recoverAll(t, dir)
			if !strings.Contains(r.String(), tc.want) {
				t.Fatalf("report %q does not contain %q", r, tc.want)
			}
			if name == "half" || name == "last" {
				wantAll(t, got, map[string]*model.Entity{a.ID: a})
			}
			if name != "deleted" && !kept(dir, journalName) {
				t.Fatal("the damaged journal was not kept")
			}
		})
	}
}

// A crash during an append leaves a torn frame the commit never vouched
// for: that is not damage.
func TestTornFrameIsNotACut(t *testing.T) {
	dir, s, ents := newVault(t, 6)
	s.Append([]*model.Entity{edit(ents[0], "a")}, nil)
	s.Close()
	f, _ := os.OpenFile(filepath.Join(dir, journalName), os.O_WRONLY|os.O_APPEND, 0)
	f.Write(format.AppendFrame(nil, format.Frame{Generation: 1, Seq: 2, Sealed: make([]byte, 200)})[:60])
	f.Close()
	s2, c := mustOpen(t, dir)
	s2.Close()
	if byID(c.Entities)[ents[0].ID].Get("name") != "a" {
		t.Fatal("lost the acknowledged save")
	}
}

// A vault.vbv of an older generation than its journal (a copy put back
// from elsewhere) is damage, recovered by merging both.
func TestRolledBackSnapshot(t *testing.T) {
	dir, acked := sessions(t, 3)
	bs, _ := Backups(dir)
	old, _ := os.ReadFile(filepath.Join(dir, backupDir, bs[len(bs)-1].Name))
	os.WriteFile(filepath.Join(dir, snapshotName), old, 0o600)
	r, got := recoverAll(t, dir)
	wantAll(t, got, acked)
	if len(r.Missing) != 0 { // the backups and their journals hold it all
		t.Errorf("report: %s", r)
	}
}

func TestRecoverWithNothingDamagedDoesNothing(t *testing.T) {
	dir, _ := sessions(t, 2)
	before := disktest.Snapshot(t, dir, lockName)
	r, err := Recover(dir, pw, true)
	if err != nil || r.Damaged || !reflect.DeepEqual(before, disktest.Snapshot(t, dir, lockName)) {
		t.Fatalf("%v, %v", r, err)
	}
	if _, err := Recover(dir, []byte("nope"), true); !errors.Is(err, ErrWrongPassword) {
		t.Fatalf("wrong password: %v", err)
	}
}

// Rotation thins only this vault's backups: another vault's are its last
// copies.
func TestRotationKeepsAnotherVaultsBackups(t *testing.T) {
	other, s, _ := newVault(t, 2)
	s.Close()
	foreign, _ := os.ReadFile(filepath.Join(other, snapshotName))
	clock := useClock(t)
	dir, s, ents := newVault(t, 3)
	var names []string
	for i := range 3 {
		*clock = clock.Add(-24 * time.Hour * time.Duration(10-i))
		name := fmt.Sprintf("vault-%s.vbv", clock.UTC().Format(stampLayout))
		os.WriteFile(filepath.Join(dir, backupDir, name), foreign, 0o600)
		names = append(names, name)
	}
	*clock = clock.Add(24 * time.Hour * 20)
	for range 2 * keepBackups {
		*clock = clock.Add(2 * time.Hour)
		if err := s.Compact(ents, nil); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	for _, n := range names {
		if _, err := os.Stat(filepath.Join(dir, backupDir, n)); err != nil {
			t.Fatalf("rotation removed another vault's backup %s", n)
		}
	}
}

// Issue 9, case 8: a password change makes a new data key, so an old copy
// of vault.vbv and the old password open nothing written afterwards, and
// files set aside are re-encrypted too.
func TestOldPasswordAndOldCopyOpenNothingAfterAChange(t *testing.T) {
	dir, s, ents := newVault(t, 6)
	s.Compact(ents, nil)
	s.Append([]*model.Entity{edit(ents[0], "before")}, nil)
	s.Close()
	oldCopy, _ := os.ReadFile(filepath.Join(dir, snapshotName))
	bs, _ := Backups(dir)
	if err := RestoreBackup(dir, bs[0].Name, pw); err != nil { // leaves *.damaged-* files
		t.Fatal(err)
	}
	s, c := mustOpen(t, dir)
	newPw := []byte("an entirely new password")
	if err := s.ChangePassword(newPw, c.Entities, c.Local); err != nil {
		t.Fatal(err)
	}
	after := edit(ents[1], "after the change")
	if err := s.Append([]*model.Entity{after}, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()

	_, oldDK, _, err := unseal(oldCopy, newKeyCache(pw))
	if err != nil {
		t.Fatal(err)
	}
	defer oldDK.Wipe()
	n := 0
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || d.Name() == lockName {
			return err
		}
		n++
		if opensWithKey(t, path, oldDK) {
			t.Errorf("%s still opens with the old data key", path)
		}
		if b, _ := os.ReadFile(path); strings.HasPrefix(string(b), format.VaultMagic) {
			if _, _, _, err := unseal(b, newKeyCache(pw)); !errors.Is(err, ErrWrongPassword) {
				t.Errorf("%s with the old password: %v", path, err)
			}
		}
		return nil
	})
	if damaged, _ := filepath.Glob(filepath.Join(dir, "vault.vbv.damaged-*")); len(damaged) == 0 || n < 5 {
		t.Fatalf("expected set-aside files and backups, found %d files", n)
	}
	s2, c2, err := Open(dir, newPw)
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
	if byID(c2.Entities)[after.ID].Get("name") != "after the change" {
		t.Fatal("lost the save after the change")
	}
}

// opensWithKey reports whether any sealed part of the file at path opens
// with dk.
func opensWithKey(t *testing.T, path string, dk *crypto.Key) bool {
	b, _ := os.ReadFile(path)
	if h, sealed, err := format.ParseVault(b); err == nil {
		_, err := dk.Open(sealed, format.PayloadAD(h))
		return err == nil
	}
	if j, err := format.ScanJournal(b); err == nil {
		for _, f := range j.Frames {
			if _, err := dk.Open(f.Sealed, format.FrameAD(j.Header, f.Seq)); err == nil {
				return true
			}
		}
		return false
	}
	for i := 0; i+format.CommitSlotSize <= len(b); i += format.CommitSlotSize {
		if c, err := format.ParseCommit(b[i : i+format.CommitSlotSize]); err == nil && opensWith([]*crypto.Key{dk}, c) {
			return true
		}
	}
	return false
}

// A crash at any step of a save (the journal, then its commit) leaves a
// vault that opens, again and again, without the opening changing a file,
// with every save acknowledged before it. (A crash right after a new
// journal's header once made the first open move that empty journal into
// backups/, and the second call the vault an older copy.)
func TestCrashAtEveryStepOfAppendOpens(t *testing.T) {
	for n := 1; ; n++ {
		dir, s, ents := newVault(t, 4)
		first := edit(ents[0], "first")
		if err := s.Append([]*model.Entity{first}, nil); err != nil {
			t.Fatal(err)
		}
		s.Compact(append([]*model.Entity{first}, ents[1:]...), nil) // the next save starts a journal
		second, third := edit(ents[1], "second"), edit(ents[2], "third")
		steps, undo := crashAt(n)
		err2 := s.Append([]*model.Entity{second}, nil)
		err3 := s.Append([]*model.Entity{third}, nil)
		undo()
		s.Close()
		before := disktest.Snapshot(t, dir, lockName)
		s2, c, err := Open(dir, pw)
		if err != nil {
			t.Fatalf("crash at step %d: %v", n, err)
		}
		s2.Close()
		if d := disktest.Diff(before, disktest.Snapshot(t, dir, lockName)); d != "" {
			t.Fatalf("crash at step %d: opening changed files: %s", n, d)
		}
		if s3, _, err := Open(dir, pw); err != nil {
			t.Fatalf("crash at step %d: the second open: %v", n, err)
		} else {
			s3.Close()
		}
		got := byID(c.Entities)
		if got[first.ID].Get("name") != "first" || (err2 == nil && got[second.ID].Get("name") != "second") {
			t.Fatalf("crash at step %d lost an acknowledged save", n)
		}
		if err3 == nil {
			t.Logf("two saves have %d crash points, all safe", *steps)
			return
		}
	}
}

// A crash at any step of a password change leaves a vault that opens with
// the old or the new password and holds every save.
func TestCrashDuringPasswordChange(t *testing.T) {
	newPw := []byte("the new password")
	for n := 1; ; n++ {
		dir, s, ents := newVault(t, 4)
		s.Compact(ents, nil)
		e := edit(ents[0], "saved")
		s.Append([]*model.Entity{e}, nil)
		all := append([]*model.Entity{e}, ents[1:]...)
		steps, undo := crashAt(n)
		errChange := s.ChangePassword(newPw, all, nil)
		undo()
		s.Close()
		s2, c, err := Open(dir, newPw)
		if errors.Is(err, ErrWrongPassword) {
			s2, c, err = Open(dir, pw)
		}
		if err != nil {
			t.Fatalf("crash at step %d: %v", n, err)
		}
		s2.Close()
		if byID(c.Entities)[e.ID].Get("name") != "saved" {
			t.Fatalf("crash at step %d lost a save", n)
		}
		if errChange == nil {
			t.Logf("a password change has %d crash points, all safe", *steps)
			return
		}
	}
}

// A crash at any step of a recovery leaves what was there: recovering
// again still finds everything.
func TestCrashDuringRecovery(t *testing.T) {
	for n := 1; ; n++ {
		dir, acked := sessions(t, 3)
		flip(t, filepath.Join(dir, snapshotName), func(n int) int { return n / 2 })
		steps, undo := crashAt(n)
		_, errRec := Recover(dir, pw, true)
		undo()
		if _, err := Recover(dir, pw, true); err != nil {
			t.Fatalf("crash at step %d, then: %v", n, err)
		}
		s, c := mustOpen(t, dir)
		s.Close()
		wantAll(t, byID(c.Entities), acked)
		if errRec == nil {
			t.Logf("recovery has %d crash points, all safe", *steps)
			return
		}
	}
}

// The commit file is always written whole, so one cut short is damage:
// it can no longer vouch for the journal.
func TestCutCommitIsDamage(t *testing.T) {
	dir, s, ents := newVault(t, 4)
	s.Append([]*model.Entity{edit(ents[0], "a")}, nil)
	s.Close()
	truncateTo(t, filepath.Join(dir, commitName), func(n int) int { return n / 3 })
	r, got := recoverAll(t, dir)
	if got[ents[0].ID].Get("name") != "a" || !strings.Contains(r.String(), "vault.vbc") {
		t.Fatalf("report %q", r)
	}
}

// childAppend opens the vault and saves edits until it is killed, printing
// the number of each save once Append returned.
func childAppend(dir string) {
	s, c, err := Open(dir, pw)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	ents := c.Entities
	base, _ := strconv.Atoi(os.Getenv("VAULTBAR_STORE_CHILD_BASE"))
	for i := base; ; i++ {
		e := ents[i%len(ents)].Clone()
		e.Regs[model.RegName] = model.Reg{V: fmt.Sprint(i), S: model.Stamp{Wall: 1<<50 + int64(i), Dev: "kill"}}
		if err := s.Append([]*model.Entity{e}, []byte(fmt.Sprint(i))); err != nil {
			fmt.Println("append:", err)
			os.Exit(1)
		}
		fmt.Println(i)
	}
}

// A real kill -9 at a random moment of saving (or of the compaction when
// the vault is opened) never loses an acknowledged save and is never taken
// for damage: the commit may lag its journal by a save, never lead it.
func TestKill9DuringSaves(t *testing.T) {
	dir, s, ents := newVault(t, 5)
	s.Close()
	acked := map[string]int{}
	rng := rand.New(rand.NewSource(1))
	next := 0
	for round := range 6 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "VAULTBAR_STORE_CHILD_APPEND="+dir, fmt.Sprint("VAULTBAR_STORE_CHILD_BASE=", next))
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		for n := 5 + rng.Intn(100); n > 0 && lines.Scan(); n-- {
			i, err := strconv.Atoi(lines.Text())
			if err != nil {
				t.Fatalf("child: %s", lines.Text())
			}
			acked[ents[i%len(ents)].ID], next = i, i+1
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		s, c, err := Open(dir, pw)
		if err != nil {
			t.Fatalf("round %d: after kill -9: %v", round, err)
		}
		s.Close()
		for id, i := range acked {
			got, _ := strconv.Atoi(byID(c.Entities)[id].Get(model.RegName))
			if got < i {
				t.Fatalf("round %d: %s holds save %d, but save %d was acknowledged", round, id, got, i)
			}
			next = max(next, got+1)
		}
	}
}

// An old copy of vault.vbv put back (Time Machine) where no journal says
// it is old: the backups newer than it do, so its loss is not silent.
func TestOldCopyOfTheSnapshotIsNoticed(t *testing.T) {
	dir, acked := sessions(t, 4)
	s, _ := mustOpen(t, dir) // compacts: no journal left to tell
	s.Close()
	bs, _ := Backups(dir)
	old, _ := os.ReadFile(filepath.Join(dir, backupDir, bs[2].Name))
	os.WriteFile(filepath.Join(dir, snapshotName), old, 0o600)
	r, got := recoverAll(t, dir)
	wantAll(t, got, acked)
	if len(r.Missing) != 0 {
		t.Errorf("report: %s", r)
	}
}

// An older journal put back in place of the current one is noticed: the
// commit says this generation's journal held saves.
func TestOldJournalInPlaceOfTheCurrentOne(t *testing.T) {
	dir, s, ents := newVault(t, 4)
	s.Append([]*model.Entity{edit(ents[0], "old")}, nil)
	oldJournal, _ := os.ReadFile(filepath.Join(dir, journalName))
	s.Compact(append([]*model.Entity{edit(ents[0], "old")}, ents[1:]...), nil)
	lost := edit(ents[1], "current")
	s.Append([]*model.Entity{lost}, nil)
	s.Close()
	os.WriteFile(filepath.Join(dir, journalName), oldJournal, 0o600)
	r, _ := recoverAll(t, dir)
	if !strings.Contains(r.String(), "vault.vbj is older") {
		t.Fatalf("report %q", r)
	}
}

func TestSetAsideTwiceInOneSecond(t *testing.T) {
	useClock(t)
	dir, s, _ := newVault(t, 2)
	s.Close()
	first, err := SetAside(dir)
	if err != nil {
		t.Fatal(err)
	}
	s, _ = mustCreate(t, dir)
	s.Close()
	second, err := SetAside(dir)
	if err != nil || first == second {
		t.Fatalf("%s, %s, %v", first, second, err)
	}
	for _, d := range []string{first, second} {
		if _, err := os.Stat(filepath.Join(d, snapshotName)); err != nil {
			t.Fatalf("%s: %v", d, err)
		}
	}
	if Present(dir).Any() {
		t.Fatal("something of a vault is left")
	}
}

func mustCreate(t *testing.T, dir string) (*Store, error) {
	s, err := Create(dir, pw, CreateOptions{KDF: &light})
	if err != nil {
		t.Fatal(err)
	}
	return s, err
}

// A commit that fails to be written fails that save (its frame is in the
// journal all the same), and the next save rewrites the commit whole.
func TestFailedCommitWriteDoesNotStopSaving(t *testing.T) {
	dir, s, ents := newVault(t, 4)
	a, b, c := edit(ents[0], "a"), edit(ents[1], "b"), edit(ents[2], "c")
	s.Append([]*model.Entity{a}, nil)
	undo := failOn("write", commitName, syscall.ENOSPC)
	err := s.Append([]*model.Entity{b}, nil)
	undo()
	if !errors.Is(err, ErrDiskFull) {
		t.Fatalf("append: %v", err)
	}
	if err := s.Append([]*model.Entity{c}, nil); err != nil {
		t.Fatalf("the next save: %v", err)
	}
	s.Close()
	s2, got := mustOpen(t, dir)
	s2.Close()
	wantAll(t, byID(got.Entities), map[string]*model.Entity{a.ID: a, b.ID: b, c.ID: c})
}

// A deleted vault.vbc and a journal cut short: once a commit file has been
// retired beside a backup, this vault's journals always have one, so its
// absence is damage (the cut save is named by recovery), not a vault from
// before commit files.
func TestMissingCommitWithCutJournalIsDamage(t *testing.T) {
	dir, s, ents := newVault(t, 5)
	s.Append([]*model.Entity{edit(ents[0], "one")}, nil)
	s.Compact(append([]*model.Entity{edit(ents[0], "one")}, ents[1:]...), nil)
	s.Append([]*model.Entity{edit(ents[1], "two")}, nil)
	s.Append([]*model.Entity{edit(ents[2], "three")}, nil)
	s.Close()
	os.Remove(filepath.Join(dir, commitName))
	truncateTo(t, filepath.Join(dir, journalName), func(n int) int { return n - 10 })
	before := disktest.Snapshot(t, dir, lockName)
	_, _, err := Open(dir, pw)
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.Recovery == nil || !strings.Contains(err.Error(), commitName) {
		t.Fatalf("open: %v, want the missing %s reported as damage with a recovery plan", err, commitName)
	}
	if d := disktest.Diff(before, disktest.Snapshot(t, dir, lockName)); d != "" {
		t.Fatalf("a failed open changed files:\n%s", d)
	}
}

// A vault from before commit files (none retired anywhere) still opens
// without one.
func TestMissingCommitOfAnOldVaultOpens(t *testing.T) {
	dir, s, ents := newVault(t, 5)
	s.Append([]*model.Entity{edit(ents[0], "one")}, nil)
	s.Close()
	os.Remove(filepath.Join(dir, commitName))
	s2, c := mustOpen(t, dir)
	s2.Close()
	if byID(c.Entities)[ents[0].ID].Get("name") != "one" {
		t.Fatal("lost the save")
	}
}
