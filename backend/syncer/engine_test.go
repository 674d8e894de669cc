package syncer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vaultbar/backend/internal/icloudsim"
	"vaultbar/backend/model"
	"vaultbar/backend/syncfolder"
)

func addRecord(t testing.TB, n *node, name string) string {
	var id string
	n.r.edit(t, func(v *model.Vault) error {
		r, err := v.AddRecord(model.RecordInput{Type: "login", Name: name, Fields: map[string]string{"username": "u-" + name}})
		id = r.ID
		return err
	})
	return id
}

func record(t testing.TB, n *node, id string) (model.Record, bool) {
	n.r.mu.Lock()
	defer n.r.mu.Unlock()
	r, err := n.r.v.Record(id)
	return r, err == nil
}

func field(r model.Record, id string) string {
	for _, f := range r.Fields {
		if f.ID == id {
			return f.Value
		}
	}
	return ""
}

func files(t testing.TB, dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	return out
}

func TestSetupNewThenExisting(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 1}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	if ok, err := a.e.Probe(); ok || err != nil {
		t.Fatalf("probe on an empty folder: %v %v", ok, err)
	}
	if a.e.Status().State != StateOff {
		t.Fatalf("status before setup: %+v", a.e.Status())
	}
	if a.setup(t, "correct horse") {
		t.Fatal("first device saw existing sync data")
	}
	if st := a.e.Status(); st.State != StateIdle || !st.Auto {
		t.Fatalf("status after setup: %+v", st)
	}
	w.sim.Settle()
	if ok, err := Probe(b.sd.Dir); !ok || err != nil {
		t.Fatalf("probe after the key file arrived: %v %v", ok, err)
	}
	before := files(t, b.sd.Dir)
	if _, err := b.e.Setup(context.Background(), "wrong"); !errors.Is(err, ErrWrongSyncPassword) {
		t.Fatalf("wrong password: %v", err)
	}
	if after := files(t, b.sd.Dir); strings.Join(after, ",") != strings.Join(before, ",") {
		t.Fatalf("a wrong password wrote files: %v -> %v", before, after)
	}
	if b.e.Status().State != StateOff {
		t.Fatalf("status after a wrong password: %+v", b.e.Status())
	}
	if !b.setup(t, "correct horse") {
		t.Fatal("second device did not see existing sync data")
	}
}

func TestEditsReachEveryDevice(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 2, MaxDelay: 3}, "a", "b", "c")
	a, b, c := w.nodes[0], w.nodes[1], w.nodes[2]
	a.setup(t, "pw")
	w.sim.Settle()
	b.setup(t, "pw")
	c.setup(t, "pw")
	var group, typ string
	rec := addRecord(t, a, "GitHub")
	b.r.edit(t, func(v *model.Vault) error {
		g, err := v.AddGroup("Work")
		group = g.ID
		return err
	})
	c.r.edit(t, func(v *model.Vault) error {
		ty, err := v.AddType("Router", []model.FieldDef{{ID: "ip", Label: "IP", Kind: model.KindText}})
		typ = ty.ID
		return err
	})
	w.converge()
	c.r.edit(t, func(v *model.Vault) error {
		name := "GitHub (work)"
		_, err := v.UpdateRecord(rec, model.RecordPatch{Name: &name, Groups: &[]string{group}})
		return err
	})
	b.r.edit(t, func(v *model.Vault) error { _, err := v.RenameGroup(group, "Job"); return err })
	a.r.edit(t, func(v *model.Vault) error { _, err := v.DeleteType(typ); return err })
	w.converge()
	for _, n := range w.nodes {
		r, ok := record(t, n, rec)
		if !ok || r.Name != "GitHub (work)" {
			t.Fatalf("%s: record %+v %v", n.name, r, ok)
		}
		n.r.mu.Lock()
		g, err := n.r.v.GroupByName("Job")
		_, terr := n.r.v.Type(typ)
		n.r.mu.Unlock()
		if err != nil || g.ID != group || terr == nil {
			t.Fatalf("%s: group %v %v, deleted type %v", n.name, g, err, terr)
		}
	}
	b.r.edit(t, func(v *model.Vault) error { return v.DeleteRecord(rec) })
	w.converge()
	for _, n := range w.nodes {
		if _, ok := record(t, n, rec); ok {
			t.Fatalf("%s: deleted record still alive", n.name)
		}
	}
}

func TestConcurrentEdits(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 3}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	a.setup(t, "pw")
	w.sim.Settle()
	b.setup(t, "pw")
	rec := addRecord(t, a, "Bank")
	w.converge()
	// Different fields: both survive. Same field: the later wins, the other
	// goes to history.
	a.r.edit(t, func(v *model.Vault) error {
		_, err := v.UpdateRecord(rec, model.RecordPatch{Fields: map[string]string{"username": "alice", "password": "first"}})
		return err
	})
	b.r.edit(t, func(v *model.Vault) error {
		notes := "pin in the drawer"
		_, err := v.UpdateRecord(rec, model.RecordPatch{Notes: &notes, Fields: map[string]string{"password": "second"}})
		return err
	})
	w.converge()
	for _, n := range w.nodes {
		r, _ := record(t, n, rec)
		if r.Notes != "pin in the drawer" || field(r, "username") != "alice" {
			t.Fatalf("%s: a concurrent edit of another field was lost: %+v", n.name, r)
		}
		n.r.mu.Lock()
		e := n.r.v.Entity(rec)
		n.r.mu.Unlock()
		if e.Get(model.FieldKey("password")) != "second" {
			t.Fatalf("%s: later edit lost: %q", n.name, e.Get(model.FieldKey("password")))
		}
		found := false
		for _, h := range e.History {
			found = found || h.V == "first"
		}
		if !found {
			t.Fatalf("%s: the earlier value is not in history", n.name)
		}
	}
}

func TestDeleteRemovesOnlyWhatItSaw(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 4}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	a.setup(t, "pw")
	w.sim.Settle()
	b.setup(t, "pw")
	rec := addRecord(t, a, "Shared")
	w.converge()
	a.r.edit(t, func(v *model.Vault) error { return v.DeleteRecord(rec) })
	b.r.edit(t, func(v *model.Vault) error {
		_, err := v.UpdateRecord(rec, model.RecordPatch{Fields: map[string]string{"username": "edited meanwhile"}})
		return err
	})
	w.converge()
	for _, n := range w.nodes {
		r, ok := record(t, n, rec)
		if !ok || field(r, "username") != "edited meanwhile" {
			t.Fatalf("%s: a delete swallowed an edit it had not seen: %+v %v", n.name, r, ok)
		}
	}
}

func TestJoiningDeviceBringsNoDuplicateSeed(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 5}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	a.setup(t, "pw")
	addRecord(t, a, "one")
	a.sync(t)
	w.sim.Settle()
	addRecord(t, b, "local before joining")
	b.setup(t, "pw")
	w.converge()
	for _, n := range w.nodes {
		n.r.mu.Lock()
		types, groups := len(n.r.v.Types()), len(n.r.v.Groups())
		recs := len(n.r.v.List(model.Filter{}))
		n.r.mu.Unlock()
		if types != len(model.Seed())-2 || groups != 2 || recs != 2 {
			t.Fatalf("%s: %d types, %d groups, %d records", n.name, types, groups, recs)
		}
	}
}

func TestConflictCopiesMergedAndRemoved(t *testing.T) {
	for _, style := range []icloudsim.Style{icloudsim.ICloud, icloudsim.Dropbox, icloudsim.Syncthing} {
		w := newWorld(t, icloudsim.Options{Seed: 6, Style: style, ConflictRate: 0.5, MaxDelay: 2}, "a", "b")
		a, b := w.nodes[0], w.nodes[1]
		a.setup(t, "pw")
		w.sim.Settle()
		b.setup(t, "pw")
		for i := range 6 {
			addRecord(t, a, "r"+string(rune('0'+i)))
			addRecord(t, b, "s"+string(rune('0'+i)))
			a.sync(t)
			b.sync(t)
			w.sim.Step()
		}
		w.converge()
		for _, n := range w.nodes {
			for _, f := range files(t, n.sd.Dir) {
				if k, _ := syncfolder.Classify(filepath.Base(f)); k == syncfolder.Copy {
					t.Fatalf("style %v: %s kept conflict copy %s", style, n.name, f)
				}
			}
			if ws := n.e.Status().Warnings; len(ws) > 0 {
				t.Fatalf("style %v: warnings: %v", style, ws)
			}
		}
	}
}

func TestForgedConflictCopyIsKeptAndReported(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 7}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	a.setup(t, "pw")
	w.sim.Settle()
	b.setup(t, "pw")
	rec := addRecord(t, a, "orig")
	w.converge()
	// A copy of a's snapshot under a change file's name: genuine bytes in
	// the wrong place must not open.
	dir := filepath.Join(b.sd.Dir, "devices", "a")
	var snap string
	for _, f := range files(t, dir) {
		if strings.HasPrefix(f, "s-") {
			snap = f
		}
	}
	data, _ := os.ReadFile(filepath.Join(dir, snap))
	forged := b.sd.Conflict(filepath.Join("devices", "a", "c-1-1.vbc"), data)
	before := b.r.snapshot()
	for range ProblemScans + 1 {
		b.sync(t)
	}
	if _, err := os.Stat(filepath.Join(b.sd.Dir, forged)); err != nil {
		t.Fatal("a conflict copy that failed authentication was removed")
	}
	if ws := b.e.Status().Warnings; len(ws) != 1 || !strings.Contains(ws[0], "could not be read") {
		t.Fatalf("warnings: %v", ws)
	}
	if _, ok := record(t, b, rec); !ok || len(b.r.snapshot()) != len(before) {
		t.Fatal("data changed")
	}
}

func TestDamagedFilesRejected(t *testing.T) {
	cases := map[string]func(dir string, data []byte){
		"tampered": func(dir string, data []byte) {
			d := append([]byte(nil), data...)
			d[len(d)-5] ^= 1
			os.WriteFile(filepath.Join(dir, "a", "c-1-2.vbc"), d, 0o600)
		},
		"truncated": func(dir string, data []byte) {
			os.WriteFile(filepath.Join(dir, "a", "c-1-2.vbc"), data[:len(data)-10], 0o600)
		},
		"renamed": func(dir string, data []byte) {
			os.Remove(filepath.Join(dir, "a", "c-1-2.vbc"))
			os.WriteFile(filepath.Join(dir, "a", "c-1-3.vbc"), data, 0o600)
		},
		"moved to another device": func(dir string, data []byte) {
			os.Remove(filepath.Join(dir, "a", "c-1-2.vbc"))
			os.MkdirAll(filepath.Join(dir, "z"), 0o700)
			os.WriteFile(filepath.Join(dir, "z", "c-1-2.vbc"), data, 0o600)
		},
		"an older file in its place": func(dir string, data []byte) {
			old, _ := os.ReadFile(filepath.Join(dir, "a", "s-1-1.vbs"))
			os.WriteFile(filepath.Join(dir, "a", "c-1-2.vbc"), old, 0o600)
		},
	}
	for name, damage := range cases {
		w := newWorld(t, icloudsim.Options{Seed: 8}, "a", "b")
		a, b := w.nodes[0], w.nodes[1]
		a.setup(t, "pw")
		w.sim.Settle()
		b.setup(t, "pw")
		w.converge()
		rec := addRecord(t, a, "good")
		a.sync(t)
		w.sim.Settle()
		dir := filepath.Join(b.sd.Dir, "devices")
		data, err := os.ReadFile(filepath.Join(dir, "a", "c-1-2.vbc"))
		if err != nil {
			t.Fatalf("%s: %v (files %v)", name, err, files(t, dir))
		}
		before := b.r.snapshot()
		damage(dir, data)
		for range ProblemScans + 1 {
			b.sync(t)
		}
		if _, ok := record(t, b, rec); ok || len(b.r.snapshot()) != len(before) {
			t.Fatalf("%s: a damaged file changed the vault", name)
		}
		if ws := b.e.Status().Warnings; len(ws) == 0 {
			t.Fatalf("%s: no warning", name)
		}
		// The genuine file arrives after all: it is read.
		os.WriteFile(filepath.Join(dir, "a", "c-1-2.vbc"), data, 0o600)
		b.sync(t)
		if _, ok := record(t, b, rec); !ok {
			t.Fatalf("%s: the genuine file was not read after the damaged one", name)
		}
	}
}
