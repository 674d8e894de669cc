package syncer

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
	"vaultbar/backend/internal/icloudsim"
	"vaultbar/backend/model"
	"vaultbar/internal/disktest"
)

// Key files on hostile ground: what a person who once knew the cloud sync
// password, or anyone able to write the folder, can and can't do.

func keysDir(n *node) string { return filepath.Join(n.sd.Dir, "keys") }

func keyNames(t testing.TB, n *node) []string {
	t.Helper()
	ents, _ := os.ReadDir(keysDir(n))
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

// changed sets up a, b and the lagging m with "old", converges, and has a
// change the password to "new": b and a move on, m keeps only "old".
func changed(t *testing.T, seed uint64) (w *world, a, b, m *node) {
	w = newWorld(t, icloudsim.Options{Seed: seed}, "a", "b", "m")
	a, b, m = w.nodes[0], w.nodes[1], w.nodes[2]
	a.setup(t, "old")
	w.sim.Settle()
	b.setup(t, "old")
	m.setup(t, "old")
	addRecord(t, m, "before the change")
	w.converge()
	if err := a.e.ChangePassword(context.Background(), "new"); err != nil {
		t.Fatal(err)
	}
	w.sim.Settle()
	if err := b.e.EnterPassword(context.Background(), "new"); err != nil {
		t.Fatal(err)
	}
	w.sim.Settle()
	w.nodes = w.nodes[:2] // m keeps the old password: converge without it
	return w, a, b, m
}

// forgeChange writes, as someone holding key k of epoch ep, a change file
// into dev's folder under that epoch with a high seq.
func forgeChange(t *testing.T, n *node, dev string, ep, seq uint64, k *crypto.Key, ents []*model.Entity) {
	t.Helper()
	name := format.SyncName{Kind: format.KindChange, Epoch: ep, Seq: seq}
	sealed := k.Seal(format.AppendEntities(nil, ents), format.SyncAD(dev, name))
	dir := filepath.Join(n.sd.Dir, "devices", dev)
	os.MkdirAll(dir, 0o700)
	if err := os.WriteFile(filepath.Join(dir, name.String()), format.AppendSyncFile(nil, sealed), 0o600); err != nil {
		t.Fatal(err)
	}
}

func entitiesOf(t *testing.T, id string, n *node) []*model.Entity {
	n.r.mu.Lock()
	defer n.r.mu.Unlock()
	return []*model.Entity{n.r.v.Entity(id).Clone()}
}

// Case 1: after a change, the old password reads nothing new and writes
// nothing the others accept, under any device's name; it is refused back.
func TestOldPasswordIsRevoked(t *testing.T) {
	w, a, b, m := changed(t, 21)
	oldKey := m.e.keys[1]

	t.Log("m, holding only the old key, writes as itself and as b")
	forged := addRecord(t, m, "forged after the change")
	ents := entitiesOf(t, forged, m)
	forgeChange(t, m, "m", 1, 1000, oldKey, ents)
	forgeChange(t, m, "b", 1, 1000, oldKey, ents)
	w.sim.Settle()
	for _, n := range []*node{a, b} {
		n.sync(t)
		n.sync(t)
		n.sync(t)
		if _, ok := record(t, n, forged); ok {
			t.Fatalf("%s accepted a file written with the old password after the change", n.name)
		}
		if st := n.e.Status(); st.State != StateIdle || !strings.Contains(strings.Join(st.Warnings, "\n"), "after it was changed") {
			t.Fatalf("%s: status %+v", n.name, st)
		}
	}

	t.Log("m reads nothing written after the change")
	after := addRecord(t, a, "after the change")
	a.sync(t)
	w.sim.Settle()
	if err := m.e.SyncNow(context.Background()); !errors.Is(err, ErrNeedsPassword) {
		t.Fatalf("m: %v", err)
	}
	if _, ok := record(t, m, after); ok || m.e.keys[2] != nil {
		t.Fatal("the old password reads what was written after the change")
	}

	t.Log("the old password is refused back, and a never goes back an epoch")
	if err := m.e.EnterPassword(context.Background(), "old"); !errors.Is(err, ErrOldSyncPassword) {
		t.Fatalf("m entered the old password: %v", err)
	}
	if err := a.e.EnterPassword(context.Background(), "old"); !errors.Is(err, ErrWrongSyncPassword) || a.e.st.Epoch != 2 {
		t.Fatalf("a entered the old password: %v, epoch %d", err, a.e.st.Epoch)
	}

	t.Log("a new device with the old password: refused, nothing written")
	d := w.add("d")
	w.sim.Settle()
	before := disktest.Snapshot(t, d.sd.Dir)
	if _, err := d.e.Setup(context.Background(), "old"); !errors.Is(err, ErrOldSyncPassword) {
		t.Fatalf("d joined with the old password: %v", err)
	}
	if diff := disktest.Diff(before, disktest.Snapshot(t, d.sd.Dir)); diff != "" || d.e.st != nil {
		t.Fatalf("a refused setup wrote:\n%s", diff)
	}

	t.Log("with the new password, m catches up and keeps its own edits")
	if err := m.e.EnterPassword(context.Background(), "new"); err != nil {
		t.Fatal(err)
	}
	w.nodes = append(w.nodes, m)
	d.setup(t, "new")
	w.converge()
	for _, n := range w.nodes {
		if _, ok := record(t, n, after); !ok {
			t.Fatalf("%s: missing an edit made after the change", n.name)
		}
	}
}

// Case 1: the changing device removes its own superseded key files once
// every device writes under the new epoch, and never another's file.
func TestSupersededKeyFilesArePruned(t *testing.T) {
	w, a, _, m := changed(t, 22)
	junk := filepath.Join(keysDir(a), "1-zz.vbk")
	os.WriteFile(junk, []byte("not a key file"), 0o600)
	w.sim.Settle()
	w.converge()
	if !slices.Contains(keyNames(t, a), "1-a.vbk") {
		t.Fatalf("1-a.vbk removed while m still writes under epoch 1: %v", keyNames(t, a))
	}
	if err := m.e.EnterPassword(context.Background(), "new"); err != nil {
		t.Fatal(err)
	}
	w.nodes = append(w.nodes, m)
	w.converge()
	w.converge()
	got := keyNames(t, a)
	if slices.Contains(got, "1-a.vbk") || !slices.Contains(got, "2-a.vbk") || !slices.Contains(got, "1-zz.vbk") {
		t.Fatalf("key files after everyone moved on: %v", got)
	}
}

// Case 2: junk and forged key files are ignored, reported once, and never
// stop sync or ask for a password.
func TestJunkKeyFilesNeverStopSync(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 23}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	a.setup(t, "pw")
	w.sim.Settle()
	b.setup(t, "pw")
	w.converge()

	real, _ := os.ReadFile(filepath.Join(keysDir(a), "1-a.vbk"))
	random := make([]byte, 300)
	rand.Read(random)
	os.WriteFile(filepath.Join(keysDir(a), "5-x.vbk"), random, 0o600)
	os.WriteFile(filepath.Join(keysDir(a), "18446744073709551615-x.vbk"), real, 0o600)
	os.WriteFile(filepath.Join(keysDir(a), "3-y.vbk"), forgedKeyFile(t, 3, "y", 2, "pw"), 0o600)
	os.WriteFile(filepath.Join(keysDir(a), "1-zz.vbk"), forgedKeyFile(t, 1, "zz", 0, "not pw"), 0o600)
	w.sim.Settle()

	rec := addRecord(t, a, "after the junk")
	w.converge()
	for _, n := range w.nodes {
		st := n.e.Status()
		if st.State != StateIdle || len(st.Warnings) != 1 ||
			!strings.Contains(st.Warnings[0], "ignored 4 files in the sync folder that no device of yours wrote") {
			t.Fatalf("%s: status %+v", n.name, st)
		}
		if _, ok := record(t, n, rec); !ok {
			t.Fatalf("%s: sync stopped", n.name)
		}
	}
	c := w.add("c")
	w.sim.Settle()
	c.setup(t, "pw")
	if _, ok := record(t, c, rec); !ok || c.e.st.KeyDevice != "a" {
		t.Fatalf("a new device did not join the real key file: %+v", c.e.st)
	}
	if err := c.e.EnterPassword(context.Background(), "pw"); err != nil {
		t.Fatalf("entering the password again: %v", err)
	}
}

// forgedKeyFile is a well-formed key file for password pw made without the
// folder's key: chained (prev != 0) to a random key.
func forgedKeyFile(t *testing.T, epoch uint64, dev string, prev uint64, pw string) []byte {
	salt, _ := crypto.NewSalt()
	pk, err := crypto.DeriveKey([]byte(pw), salt, lightKDF)
	if err != nil {
		t.Fatal(err)
	}
	dk, _ := crypto.NewKey()
	var prevKey *crypto.Key
	if prev != 0 {
		prevKey, _ = crypto.NewKey()
	}
	return buildKeyFile(pk, dk, keySpec{epoch: epoch, prev: prev, dev: dev, kdf: lightKDF, salt: salt, prevKey: prevKey})
}

// Case 3: key derivation parameters beyond what Vaultbar writes are never
// run, and a derivation with allowed but heavy ones runs outside the
// engine's lock and ends with its context.
func TestKeyDerivationBombs(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 24}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	heavy := crypto.KDFParams{Time: 4, MemoryKiB: 1 << 20, Threads: 16}
	started, release := make(chan struct{}, 1), make(chan struct{})
	derive := func(ctx context.Context, pw, salt []byte, p crypto.KDFParams) (*crypto.Key, error) {
		if p == heavy {
			started <- struct{}{}
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-release:
			}
			p = lightKDF // what the heavy parameters stand for here
		}
		return crypto.DeriveKeyContext(ctx, pw, salt, p)
	}
	a.e = engineWith(w, a, func(c *Config) { c.Derive = derive })
	b.e = engineWith(w, b, func(c *Config) { c.Derive = derive })
	a.setup(t, "old")
	w.sim.Settle()
	b.setup(t, "old")
	w.converge()

	t.Log("a key file asking for 4 GiB is never derived")
	bomb := forgedKeyFile(t, 2, "z", 1, "x")
	kf, _ := format.ParseKeyFile(bomb)
	kf.KDF = crypto.KDFParams{Time: 64, MemoryKiB: 4 << 20, Threads: 255}
	os.WriteFile(filepath.Join(keysDir(b), "2-z.vbk"), format.AppendKeyFile(nil, kf), 0o600)
	b.sync(t)
	if ws := b.e.Status().Warnings; len(ws) != 1 || !strings.Contains(ws[0], "keys/2-z.vbk") {
		t.Fatalf("bomb not reported: %v", ws)
	}

	t.Log("a real change with heavy parameters does not hold the engine")
	a.e.cfg.TestKDF = &heavy
	go func() { <-started; close(release) }() // a's own derivation goes through
	if err := a.e.ChangePassword(context.Background(), "new"); err != nil {
		t.Fatal(err)
	}
	w.sim.Settle()
	release = make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.e.EnterPassword(ctx, "new") }()
	<-started
	flushed := make(chan error, 1)
	go func() { flushed <- b.e.Flush(context.Background()) }()
	if err := <-flushed; !errors.Is(err, ErrNeedsPassword) {
		t.Fatalf("flush during a derivation: %v", err)
	}
	b.e.Stop() // as locking the vault does
	select {
	case err := <-done:
		t.Fatalf("the derivation ended before it was cancelled: %v", err)
	default:
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) || b.e.st.Epoch != 1 {
		t.Fatalf("cancelled derivation: %v, epoch %d", err, b.e.st.Epoch)
	}
}

func engineWith(w *world, n *node, f func(*Config)) *Engine {
	cfg := Config{Root: n.sd.Dir, Provider: "iCloud", Replica: n.r, Files: n.sd, NoWatch: true, TestKDF: &lightKDF, SnapshotEvery: 4, PollInterval: 1}
	f(&cfg)
	e, err := New(cfg)
	if err != nil {
		w.t.Fatal(err)
	}
	return e
}

// Case 4: a missing current key file is written again by a device that
// holds it; until then no device joins, with either password.
func TestMissingKeyFileIsRewritten(t *testing.T) {
	w, a, b, _ := changed(t, 25)
	w.converge()
	for _, n := range w.nodes {
		os.Remove(filepath.Join(keysDir(n), "2-a.vbk"))
	}
	w.sim.Settle()

	d := w.add("d")
	w.sim.Settle()
	for _, pw := range []string{"new", "old"} {
		before := disktest.Snapshot(t, d.sd.Dir)
		if _, err := d.e.Setup(context.Background(), pw); !errors.Is(err, ErrKeyFileMissing) {
			t.Fatalf("%s: joined a folder missing its key file: %v", pw, err)
		}
		if diff := disktest.Diff(before, disktest.Snapshot(t, d.sd.Dir)); diff != "" {
			t.Fatalf("%s: a refused setup wrote:\n%s", pw, diff)
		}
	}

	b.sync(t) // b holds the key: it writes the file again
	w.sim.Settle()
	if !slices.Contains(keyNames(t, a), "2-a.vbk") {
		t.Fatalf("key file not rewritten: %v", keyNames(t, a))
	}
	if _, err := d.e.Setup(context.Background(), "old"); !errors.Is(err, ErrOldSyncPassword) {
		t.Fatalf("old password after healing: %v", err)
	}
	d.setup(t, "new")
	w.converge()
}

// Case 4: a folder with device files and no key file is not new.
func TestFolderWithDataButNoKeyIsNotNew(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 26}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	a.setup(t, "pw")
	w.sim.Settle()
	for _, n := range w.nodes {
		os.RemoveAll(keysDir(n))
	}
	w.sim.Settle()
	if ok, _ := b.e.Probe(); !ok {
		t.Fatal("probe calls a folder with sync data new")
	}
	before := disktest.Snapshot(t, b.sd.Dir)
	if _, err := b.e.Setup(context.Background(), "anything"); !errors.Is(err, ErrKeyFileMissing) {
		t.Fatalf("setup in a folder with data but no key file: %v", err)
	}
	if diff := disktest.Diff(before, disktest.Snapshot(t, b.sd.Dir)); diff != "" {
		t.Fatalf("a refused setup wrote:\n%s", diff)
	}
	a.sync(t) // a holds the key and writes it again
	w.sim.Settle()
	b.setup(t, "pw")
}

// A folder set up before key files were chained keeps working: its version
// 1 key file opens, and the next change chains to its key.
func TestVersion1FolderKeepsWorking(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 27}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	os.MkdirAll(keysDir(a), 0o700)
	os.WriteFile(filepath.Join(keysDir(a), "1-a.vbk"), version1KeyFile(t, "pw"), 0o600)
	w.sim.Settle()
	a.setup(t, "pw")
	b.setup(t, "pw")
	a.e.st.KeyFile = nil // as a state kept before key files were
	addRecord(t, a, "v1")
	w.converge()
	if len(a.e.st.KeyFile) == 0 {
		t.Fatal("the current key file's bytes were not learnt")
	}
	t.Log("a version 1 key file at a later epoch (an older Vaultbar's change) is ignored")
	v1later := version1KeyFile(t, "other")
	kf, _ := format.ParseKeyFile(v1later)
	kf.Epoch, kf.Device = 2, "old"
	os.WriteFile(filepath.Join(keysDir(b), "2-old.vbk"), format.AppendKeyFile(nil, kf), 0o600)
	w.sim.Settle()
	w.converge()
	if ws := b.e.Status().Warnings; len(ws) != 1 || !strings.Contains(ws[0], "2-old.vbk") {
		t.Fatalf("warnings: %v", ws)
	}
	if err := a.e.ChangePassword(context.Background(), "new"); err != nil {
		t.Fatal(err)
	}
	w.sim.Settle()
	if err := b.e.SyncNow(context.Background()); !errors.Is(err, ErrNeedsPassword) {
		t.Fatalf("b after a chained change: %v", err)
	}
	if err := b.e.EnterPassword(context.Background(), "new"); err != nil {
		t.Fatal(err)
	}
	c := w.add("c")
	w.sim.Settle()
	c.setup(t, "new")
	w.converge()
}

// version1KeyFile is a key file as Vaultbar wrote it before chaining.
func version1KeyFile(t *testing.T, pw string) []byte {
	salt, _ := crypto.NewSalt()
	pk, _ := crypto.DeriveKey([]byte(pw), salt, lightKDF)
	dk, _ := crypto.NewKey()
	kf := format.KeyFile{Version: 1, Epoch: 1, Device: "a", KDF: lightKDF, Salt: salt}
	kf.WrappedKey = crypto.Wrap(pk, dk, format.KeyAD(kf))
	kf.Body = dk.Seal(nil, format.BodyAD(kf))
	b := format.AppendKeyFile(nil, kf)
	if got, err := format.ParseKeyFile(b); err != nil || got.Version != 1 || !bytes.Equal(format.AppendKeyFile(nil, got), b) {
		t.Fatalf("version 1 file: %v", err)
	}
	return b
}

// Case 4: the current key file replaced by junk, or by another real key
// file, is written again; one still arriving is left alone.
func TestReplacedKeyFileIsRewritten(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 28}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	a.setup(t, "pw")
	w.sim.Settle()
	b.setup(t, "pw")
	w.converge()
	path := filepath.Join(keysDir(b), "1-a.vbk")
	real, _ := os.ReadFile(path)
	os.WriteFile(path, real[:len(real)/2], 0o600) // as if still being copied
	b.sync(t)
	if got, _ := os.ReadFile(path); len(got) != len(real)/2 {
		t.Fatal("a key file still arriving was overwritten")
	}
	for range ProblemScans {
		b.sync(t)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, real) {
		t.Fatal("a key file that stays cut short was not written again")
	}
	for _, junk := range [][]byte{[]byte("junk"), forgedKeyFile(t, 1, "a", 0, "other")} {
		os.WriteFile(path, junk, 0o600)
		b.sync(t)
		if got, _ := os.ReadFile(path); !bytes.Equal(got, real) {
			t.Fatalf("the current key file replaced by %q was not written again", junk[:4])
		}
	}
}

// Case 1: someone holding the old password and key makes a "change" of
// their own, wrapped by the old password. The devices that moved on ignore
// it; the old password is refused on the lagging device and on a new one;
// the new password still opens the real change.
func TestOldPasswordForkIsRefused(t *testing.T) {
	w, a, b, m := changed(t, 29)
	k1 := m.e.keys[1]
	salt, _ := crypto.NewSalt()
	pk, _ := crypto.DeriveKey([]byte("old"), salt, lightKDF)
	dk, _ := crypto.NewKey()
	fork := buildKeyFile(pk, dk, keySpec{epoch: 2, prev: 1, dev: "z", kdf: lightKDF, salt: salt, prevKey: k1,
		body: format.KeyBody{Keys: []format.EpochKey{{Epoch: 1, Key: k1.Bytes()}}}})
	os.WriteFile(filepath.Join(keysDir(a), "2-z.vbk"), fork, 0o600)
	w.sim.Settle()
	w.converge()
	for _, n := range []*node{a, b} {
		if ws := n.e.Status().Warnings; len(ws) != 1 || !strings.Contains(ws[0], "keys/2-z.vbk") {
			t.Fatalf("%s: warnings %v", n.name, ws)
		}
	}
	if err := m.e.EnterPassword(context.Background(), "old"); !errors.Is(err, ErrOldSyncPassword) {
		t.Fatalf("m took the fork: %v", err)
	}
	d := w.add("d")
	w.sim.Settle()
	if _, err := d.e.Setup(context.Background(), "old"); !errors.Is(err, ErrOldSyncPassword) {
		t.Fatalf("d took the fork: %v", err)
	}
	if err := m.e.EnterPassword(context.Background(), "new"); err != nil || m.e.st.KeyDevice != "a" {
		t.Fatalf("m with the new password: %v, %+v", err, m.e.st.KeyDevice)
	}
	if err := a.e.ChangePassword(context.Background(), "new"); !errors.Is(err, ErrSamePassword) || a.e.st.Epoch != 2 {
		t.Fatalf("a change to the same password: %v", err)
	}
}

// Case 4: a key file damaged after its wrapped key says so (not "wrong
// password"), and a device holding it writes it again.
func TestDamagedKeyFileIsSaidAndRewritten(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 30}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	a.setup(t, "pw")
	w.sim.Settle()
	path := filepath.Join(keysDir(b), "1-a.vbk")
	raw, _ := os.ReadFile(path)
	bad := bytes.Clone(raw)
	bad[len(bad)-3] ^= 1 // in the sealed body, before the (empty) chain
	os.WriteFile(path, bad, 0o600)
	if _, err := b.e.Setup(context.Background(), "pw"); !errors.Is(err, ErrKeyFileDamaged) {
		t.Fatalf("setup with a damaged key file: %v", err)
	}
	w.sim.Settle()
	a.sync(t)
	w.sim.Settle()
	if got, _ := os.ReadFile(path); !bytes.Equal(got, raw) {
		t.Fatal("the damaged key file was not written again")
	}
	b.setup(t, "pw")
}

// Case 2: well-formed forged key files of later epochs, more than a
// password is tried on, don't keep a new device from joining.
func TestManyForgedKeyFilesDoNotStopAJoin(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 31}, "a")
	a := w.nodes[0]
	a.setup(t, "pw")
	for ep := uint64(2); ep < 2+2*maxTries; ep++ {
		os.WriteFile(filepath.Join(keysDir(a), format.KeyName{Epoch: ep, Device: "f"}.String()), forgedKeyFile(t, ep, "f", ep-1, "x"), 0o600)
	}
	c := w.add("c")
	w.sim.Settle()
	c.setup(t, "pw")
	if c.e.st.KeyDevice != "a" {
		t.Fatalf("joined %+v", c.e.st)
	}
}

// Case 1: someone who kept the old key replaces a file written before the
// change (within its device's cutoff) before a new device reads it: the
// change pinned those files byte for byte, so the forgery is refused, and
// what the real file held still arrives through the changing device.
func TestReplacedPreChangeFileIsRefused(t *testing.T) {
	w, a, _, m := changed(t, 32)
	oldKey := m.e.keys[1]
	forged := addRecord(t, m, "forged into a pre-change file")
	ents := entitiesOf(t, forged, m)
	mdir := filepath.Join(a.sd.Dir, "devices", "m")
	ents0, _ := os.ReadDir(mdir)
	if len(ents0) == 0 {
		t.Fatal("m has no files")
	}
	for _, f := range ents0 {
		n, ok := format.ParseSyncName(f.Name())
		if !ok || n.Epoch != 1 {
			continue
		}
		sealed := oldKey.Seal(format.AppendEntities(nil, ents), format.SyncAD("m", n))
		os.WriteFile(filepath.Join(mdir, f.Name()), format.AppendSyncFile(nil, sealed), 0o600)
	}
	w.sim.Settle()
	d := w.add("d")
	w.sim.Settle()
	d.setup(t, "new")
	d.sync(t)
	if _, ok := record(t, d, forged); ok {
		t.Fatal("a pre-change file replaced after the change was accepted")
	}
	n := 0
	m.r.mu.Lock()
	for _, e := range m.r.v.Entities() {
		if r, err := m.r.v.Record(e.ID); err == nil && r.Name == "before the change" {
			n++
			if _, ok := record(t, d, e.ID); !ok {
				t.Errorf("m's edit from before the change did not reach d")
			}
		}
	}
	m.r.mu.Unlock()
	if n != 1 {
		t.Fatalf("found %d records made before the change on m", n)
	}
}
