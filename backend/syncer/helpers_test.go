package syncer

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"vaultbar/backend/crypto"
	"vaultbar/backend/internal/icloudsim"
	"vaultbar/backend/merge"
	"vaultbar/backend/model"
)

// memReplica is a minimal vault service: a model.Vault in memory, merged
// with package merge.
type memReplica struct {
	mu      sync.Mutex
	id      string
	v       *model.Vault
	state   []byte
	applied int
	onApply func() // called after every Apply, for tests that wait for one
	closed  bool   // answers as a locked vault does
}

func newReplica(id string) *memReplica {
	return &memReplica{id: id, v: model.New(model.NewClock(id, model.Stamp{}, nil))}
}

func (r *memReplica) DeviceID() string { return r.id }

func (r *memReplica) Unpublished() []*model.Entity {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*model.Entity
	for _, id := range r.v.Dirty() {
		out = append(out, r.v.Entity(id).Clone())
	}
	return out
}

func (r *memReplica) MarkPublished(ents []*model.Entity) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, e := range ents {
		if cur := r.v.Entity(e.ID); cur != nil && cur.Modified() == e.Modified() {
			r.v.MarkClean(e.ID)
		}
	}
	return nil
}

func (r *memReplica) All() []*model.Entity {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil
	}
	var out []*model.Entity
	for _, e := range r.v.Entities() {
		out = append(out, e.Clone())
	}
	return out
}

func (r *memReplica) Apply(remote []*model.Entity) ([]string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.applied += len(remote)
	changed := merge.Into(r.v, remote)
	if r.onApply != nil {
		r.onApply()
	}
	return changed, nil
}

func (r *memReplica) SyncState() []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]byte(nil), r.state...)
}

func (r *memReplica) SaveSyncState(b []byte) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.state = append([]byte(nil), b...)
	return nil
}

// edit runs f on the vault under the replica's lock.
func (r *memReplica) edit(t testing.TB, f func(v *model.Vault) error) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := f(r.v); err != nil {
		t.Fatal(err)
	}
}

// snapshot is the vault's content, for comparing devices.
func (r *memReplica) snapshot() []*model.Entity {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*model.Entity
	for _, e := range r.v.Entities() {
		out = append(out, e.Clone())
	}
	return out
}

var lightKDF = crypto.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}

// node is one simulated device: its folder in the simulated cloud, its
// vault and its engine.
type node struct {
	name string
	w    *world
	sd   *icloudsim.Device
	r    *memReplica
	e    *Engine
}

type world struct {
	t     testing.TB
	sim   *icloudsim.Sim
	nodes []*node
}

func newWorld(t testing.TB, opt icloudsim.Options, names ...string) *world {
	w := &world{t: t, sim: icloudsim.New(opt)}
	for _, n := range names {
		w.add(n)
	}
	return w
}

func (w *world) add(name string) *node {
	sd := w.sim.AddDevice(name, w.t.TempDir())
	n := &node{name: name, w: w, sd: sd, r: newReplica(name)}
	n.e = w.engine(n)
	w.nodes = append(w.nodes, n)
	return n
}

func (w *world) engine(n *node) *Engine {
	e, err := New(Config{Root: n.sd.Dir, Provider: "iCloud", Replica: n.r, Files: n.sd, NoWatch: true, TestKDF: &lightKDF, SnapshotEvery: 4, PollInterval: time.Millisecond})
	if err != nil {
		w.t.Fatal(err)
	}
	return e
}

func (n *node) setup(t testing.TB, pw string) bool {
	t.Helper()
	var existing bool
	var err error
	for range 100 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		existing, err = n.e.Setup(ctx, pw)
		cancel()
		if !errors.Is(err, ErrDownloading) {
			break
		}
		n.w.sim.Step() // the cloud delivers the evicted key file meanwhile
	}
	if err != nil {
		t.Fatalf("%s: setup: %v", n.name, err)
	}
	return existing
}

func (n *node) sync(t testing.TB) {
	t.Helper()
	if err := n.e.SyncNow(context.Background()); err != nil {
		t.Fatalf("%s: sync: %v", n.name, err)
	}
}

// converge syncs every device and lets the cloud settle until all agree.
func (w *world) converge() {
	w.t.Helper()
	for range 8 {
		for _, n := range w.nodes {
			n.sync(w.t)
		}
		w.sim.Settle()
		if w.agree() {
			for _, n := range w.nodes { // and a last round to clear pending files
				n.sync(w.t)
			}
			w.sim.Settle()
			return
		}
	}
	for _, n := range w.nodes {
		w.t.Logf("%s: %d entities, files %v, status %+v", n.name, len(n.r.snapshot()), files(w.t, n.sd.Dir), n.e.Status())
		for d, p := range n.e.st.Peers {
			w.t.Logf("   peer %s: %+v", d, *p)
		}
	}
	w.t.Fatalf("devices did not converge")
}

func (w *world) agree() bool {
	first := w.nodes[0].r.snapshot()
	for _, n := range w.nodes[1:] {
		if !reflect.DeepEqual(first, n.r.snapshot()) {
			return false
		}
	}
	return true
}
