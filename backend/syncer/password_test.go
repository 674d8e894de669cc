package syncer

import (
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vaultbar/backend/format"
	"vaultbar/backend/internal/icloudsim"
	"vaultbar/backend/model"
)

func TestPasswordChangeKeepsLaggingDevicesEdits(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 9, MaxDelay: 2}, "a", "b", "c")
	a, b, c := w.nodes[0], w.nodes[1], w.nodes[2]
	a.setup(t, "old")
	w.sim.Settle()
	b.setup(t, "old")
	c.setup(t, "old")
	rec := addRecord(t, a, "shared")
	w.converge()

	// b edits and publishes under the old password while a changes it.
	b.r.edit(t, func(v *model.Vault) error {
		_, err := v.UpdateRecord(rec, model.RecordPatch{Fields: map[string]string{"username": "from b, old epoch"}})
		return err
	})
	b.sync(t)
	if err := a.e.ChangePassword(context.Background(), "new"); err != nil {
		t.Fatal(err)
	}
	w.sim.Settle()

	// b learns of the change: it stops, writes nothing, asks for the password.
	laterOnB := addRecord(t, b, "made while b needed the password")
	before := files(t, filepath.Join(b.sd.Dir, "devices", "b"))
	if err := b.e.SyncNow(context.Background()); !errors.Is(err, ErrNeedsPassword) {
		t.Fatalf("b: got %v, want ErrNeedsPassword", err)
	}
	st := b.e.Status()
	if st.State != StateNeedsPassword || st.Reason != ReasonPasswordChanged || !strings.Contains(st.Message, "changed on another device") {
		t.Fatalf("b status: %+v", st)
	}
	if after := files(t, filepath.Join(b.sd.Dir, "devices", "b")); strings.Join(after, ",") != strings.Join(before, ",") {
		t.Fatalf("b wrote while it needed the password: %v -> %v", before, after)
	}
	// Later syncs (a watched change, a rescan) keep asking for the password
	// and never flicker to "syncing": the person may be typing it.
	var seen []State
	stop := b.e.Subscribe(func(st Status) { seen = append(seen, st.State) })
	for range 3 {
		b.e.SyncNow(context.Background())
	}
	stop()
	for _, s := range seen {
		if s != StateNeedsPassword {
			t.Fatalf("while it needed the password b reported %v (all: %v)", s, seen)
		}
	}
	if err := b.e.EnterPassword(context.Background(), "old"); !errors.Is(err, ErrOldSyncPassword) || !errors.Is(err, ErrWrongSyncPassword) {
		t.Fatalf("old password accepted: %v", err)
	}
	if err := b.e.EnterPassword(context.Background(), "new"); err != nil {
		t.Fatal(err)
	}
	// c joins the new password late, and a device that never knew the old
	// password joins too: both read everything.
	d := w.add("d")
	w.sim.Settle()
	if err := c.e.EnterPassword(context.Background(), "new"); err != nil {
		t.Fatal(err)
	}
	d.setup(t, "new")
	w.converge()
	for _, n := range w.nodes {
		if _, ok := record(t, n, laterOnB); !ok {
			t.Fatalf("%s: the edit b made while needing the password is missing", n.name)
		}
		if r, _ := record(t, n, rec); field(r, "username") != "from b, old epoch" {
			t.Fatalf("%s: %+v", n.name, r)
		}
		for _, f := range files(t, filepath.Join(n.sd.Dir, "devices")) {
			if strings.Contains(f, "-1-") {
				t.Fatalf("%s: old-epoch file %s left behind", n.name, f)
			}
		}
	}
}

// A file written under the old password before the change, and read by
// the changing device, stays readable for a device that only knows the new
// password. One the changing device had not seen is not accepted (it may
// have been written after the change by someone holding the old password);
// its edit arrives once its device has the new password and republishes.
func TestLaggingWriterOfOldEpochIsReadByNewDevice(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 10}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	a.setup(t, "old")
	w.sim.Settle()
	b.setup(t, "old")
	w.converge()
	seen := addRecord(t, b, "written under the old key, seen by a")
	b.sync(t)
	w.sim.Settle()
	unseen := addRecord(t, b, "written under the old key, not seen by a")
	b.sync(t) // not delivered before the change
	if err := a.e.ChangePassword(context.Background(), "new"); err != nil {
		t.Fatal(err)
	}
	c := w.add("c")
	w.sim.Settle()
	c.setup(t, "new")
	if _, ok := record(t, c, seen); !ok {
		t.Fatal("a device that only knows the new password can't read an old-epoch file written before the change")
	}
	if _, ok := record(t, c, unseen); ok {
		t.Fatal("an old-epoch file the changing device had not seen was accepted")
	}
	if err := b.e.EnterPassword(context.Background(), "new"); err != nil {
		t.Fatal(err)
	}
	w.converge()
	if _, ok := record(t, c, unseen); !ok {
		t.Fatal("the lagging device's edit was lost")
	}
}

func TestNewerFormatStopsWithoutWriting(t *testing.T) {
	for _, which := range []string{"key", "change"} {
		w := newWorld(t, icloudsim.Options{Seed: 11}, "a", "b")
		a, b := w.nodes[0], w.nodes[1]
		a.setup(t, "pw")
		w.sim.Settle()
		b.setup(t, "pw")
		w.converge()
		newer := func(p, magic string) {
			data, _ := os.ReadFile(p)
			v := format.SyncVersion
			if magic == format.SyncKeyMagic {
				v = format.SyncKeyVersion
			}
			binary.BigEndian.PutUint16(data[len(magic):], v+1)
			os.WriteFile(p, data, 0o600)
		}
		if which == "key" {
			os.WriteFile(filepath.Join(b.sd.Dir, "keys", "9-z.vbk"), nil, 0o600)
			data, _ := os.ReadFile(filepath.Join(b.sd.Dir, "keys", "1-a.vbk"))
			os.WriteFile(filepath.Join(b.sd.Dir, "keys", "9-z.vbk"), data, 0o600)
			newer(filepath.Join(b.sd.Dir, "keys", "9-z.vbk"), format.SyncKeyMagic)
		} else {
			addRecord(t, a, "x")
			a.sync(t)
			w.sim.Settle()
			for _, f := range files(t, filepath.Join(b.sd.Dir, "devices", "a")) {
				newer(filepath.Join(b.sd.Dir, "devices", "a", f), format.SyncMagic)
			}
		}
		addRecord(t, b, "local edit")
		before := files(t, b.sd.Dir)
		err := b.e.SyncNow(context.Background())
		if !errors.Is(err, ErrNewerFormat) {
			t.Fatalf("%s: got %v", which, err)
		}
		if st := b.e.Status(); st.State != StateError || st.Reason != ReasonNewerFormat || !strings.Contains(st.Message, "update Vaultbar") {
			t.Fatalf("%s: status %+v", which, st)
		}
		if err := b.e.Flush(context.Background()); !errors.Is(err, ErrNewerFormat) {
			t.Fatalf("%s: flush: %v", which, err)
		}
		if after := files(t, b.sd.Dir); strings.Join(after, ",") != strings.Join(before, ",") {
			t.Fatalf("%s: wrote after seeing a newer format: %v -> %v", which, before, after)
		}
	}
}

func TestPlaceholdersAndPartialFiles(t *testing.T) {
	for _, dataless := range []bool{false, true} {
		w := newWorld(t, icloudsim.Options{Seed: 12, EvictRate: 0.7, Dataless: dataless, PartialRate: 0.5, DownloadDelay: 2, MaxDelay: 2}, "a", "b")
		a, b := w.nodes[0], w.nodes[1]
		a.setup(t, "pw")
		w.sim.Settle()
		b.setup(t, "pw")
		var ids []string
		for i := range 10 {
			ids = append(ids, addRecord(t, a, "r"+string(rune('0'+i))))
			a.sync(t)
			w.sim.Step()
			b.sync(t) // sees placeholders, dataless and half-written files
			b.r.mu.Lock()
			for _, id := range ids {
				if e := b.r.v.Entity(id); e != nil && !e.Alive() {
					t.Fatalf("a record died on b")
				}
			}
			b.r.mu.Unlock()
		}
		w.converge()
		for _, id := range ids {
			if _, ok := record(t, b, id); !ok {
				t.Fatalf("dataless=%v: record missing on b", dataless)
			}
		}
		if ws := b.e.Status().Warnings; len(ws) != 0 {
			t.Fatalf("warnings after everything arrived: %v", ws)
		}
	}
}

func TestFlushPublishesLastEdit(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 13}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	a.setup(t, "pw")
	w.sim.Settle()
	b.setup(t, "pw")
	rec := addRecord(t, a, "just before quitting")
	if err := a.e.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	a.e.Stop()
	w.sim.Settle()
	b.sync(t)
	if _, ok := record(t, b, rec); !ok {
		t.Fatal("flushed edit did not arrive")
	}
}

func TestStateSurvivesRestart(t *testing.T) {
	w := newWorld(t, icloudsim.Options{Seed: 14}, "a", "b")
	a, b := w.nodes[0], w.nodes[1]
	a.setup(t, "pw")
	w.sim.Settle()
	b.setup(t, "pw")
	w.converge()
	b.e.Stop()
	b.e = w.engine(b) // unlock again: keys come from the vault, no password
	rec := addRecord(t, a, "after restart")
	a.sync(t)
	w.sim.Settle()
	applied := b.r.applied
	b.sync(t)
	if _, ok := record(t, b, rec); !ok {
		t.Fatal("restarted engine did not sync")
	}
	if n := b.r.applied - applied; n != 1 {
		t.Fatalf("restarted engine re-read %d entities, want only the one new", n)
	}
}
