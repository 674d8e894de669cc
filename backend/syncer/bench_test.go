package syncer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"vaultbar/backend/format"
	"vaultbar/backend/internal/fakevault"
	"vaultbar/backend/model"
)

// benchDevice is a device syncing straight in a shared folder: the
// benchmarks measure the engine, not a simulated cloud.
type benchDevice struct {
	r *memReplica
	e *Engine
}

func newBenchDevice(tb testing.TB, root, id string, ents []*model.Entity, cfg func(*Config)) *benchDevice {
	r := newReplica(id)
	if ents != nil {
		r.v = model.Load(model.NewClock(id, model.Stamp{}, nil), ents)
	}
	c := Config{Root: root, Replica: r, NoWatch: true, TestKDF: &lightKDF}
	if cfg != nil {
		cfg(&c)
	}
	e, err := New(c)
	if err != nil {
		tb.Fatal(err)
	}
	return &benchDevice{r, e}
}

// editSome changes n records of the device's vault, as a user would.
func (d *benchDevice) editSome(tb testing.TB, n, round int) {
	d.r.edit(tb, func(v *model.Vault) error {
		for i, s := range v.List(model.Filter{})[:n] {
			if _, err := v.UpdateRecord(s.ID, model.RecordPatch{Fields: map[string]string{"password": fmt.Sprintf("p-%d-%d", round, i)}}); err != nil {
				return err
			}
		}
		return nil
	})
}

// threeDevices sets up a with n records, and b and c holding the same vault.
func threeDevices(b *testing.B, n int) (a, x, y *benchDevice) {
	root := filepath.Join(b.TempDir(), "Vaultbar")
	ents := fakevault.Records(n, 1)
	a = newBenchDevice(b, root, "deva", ents, nil)
	if _, err := a.e.Setup(context.Background(), "pw"); err != nil {
		b.Fatal(err)
	}
	x = newBenchDevice(b, root, "devb", fakevault.Records(n, 1), nil)
	y = newBenchDevice(b, root, "devc", fakevault.Records(n, 1), nil)
	for _, d := range []*benchDevice{x, y} {
		if _, err := d.e.Setup(context.Background(), "pw"); err != nil {
			b.Fatal(err)
		}
	}
	if err := a.e.SyncNow(context.Background()); err != nil {
		b.Fatal(err)
	}
	return a, x, y
}

// BenchmarkSync100Changes: a sync on a that reads 100 changes from each of
// two other devices. Target: ≤ 50 ms at 10k records, ≤ 100 ms at 100k.
func BenchmarkSync100Changes(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("records=%d", n), func(b *testing.B) {
			if n == 100_000 && testing.Short() {
				b.Skip("large vault")
			}
			a, x, y := threeDevices(b, n)
			b.ResetTimer()
			var total time.Duration
			for i := range b.N {
				b.StopTimer()
				for _, d := range []*benchDevice{x, y} {
					d.editSome(b, 100, i)
					if err := d.e.Flush(context.Background()); err != nil {
						b.Fatal(err)
					}
				}
				applied := a.r.applied
				b.StartTimer()
				start := time.Now()
				if err := a.e.SyncNow(context.Background()); err != nil {
					b.Fatal(err)
				}
				total += time.Since(start)
				if got := a.r.applied - applied; got < 200 {
					b.Fatalf("applied %d entities, want at least 200", got)
				}
			}
			b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/sync")
		})
	}
}

// BenchmarkSyncNothingNew: a sync when no device wrote anything. Target ≤ 5 ms.
func BenchmarkSyncNothingNew(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("records=%d", n), func(b *testing.B) {
			if n == 100_000 && testing.Short() {
				b.Skip("large vault")
			}
			a, _, _ := threeDevices(b, n)
			a.e.SyncNow(context.Background())
			b.ResetTimer()
			start := time.Now()
			for range b.N {
				if err := a.e.SyncNow(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/sync")
		})
	}
}

// BenchmarkFirstSync10k: a new device's first full sync of a 10,000-record
// vault (reading the snapshot, and writing its own). Target ≤ 300 ms.
func BenchmarkFirstSync10k(b *testing.B) {
	root := filepath.Join(b.TempDir(), "Vaultbar")
	a := newBenchDevice(b, root, "deva", fakevault.Records(10_000, 1), nil)
	if _, err := a.e.Setup(context.Background(), "pw"); err != nil {
		b.Fatal(err)
	}
	// The new device's keys, as Setup would leave them, without the KDF.
	joined := newBenchDevice(b, root, "devn", nil, nil)
	if _, err := joined.e.Setup(context.Background(), "pw"); err != nil {
		b.Fatal(err)
	}
	st, _ := decodeState(joined.r.SyncState())
	st.Peers, st.Seq, st.SnapSeq, st.SinceSnap = map[string]*peer{}, 0, 0, 0
	fresh := st.encode()
	b.ResetTimer()
	var total time.Duration
	for i := range b.N {
		b.StopTimer()
		id := fmt.Sprintf("new%d", i)
		d := newBenchDevice(b, root, id, nil, nil)
		d.r.state = fresh
		d.e, _ = New(Config{Root: root, Replica: d.r, NoWatch: true})
		b.StartTimer()
		start := time.Now()
		if err := d.e.SyncNow(context.Background()); err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
		b.StopTimer()
		if got := len(d.r.v.List(model.Filter{})); got < 9_000 {
			b.Fatalf("new device has %d records", got)
		}
		os.RemoveAll(filepath.Join(root, "devices", id))
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/first-sync")
}

// BenchmarkEditToOtherDevice: from an edit on one device to its arrival on
// another on the same machine, auto-sync and watching on, replication
// instant (one shared folder). Target ≤ quiet period + 1 s; excess-ms is
// the part over the quiet period.
func BenchmarkEditToOtherDevice(b *testing.B) {
	root := filepath.Join(b.TempDir(), "Vaultbar")
	const quiet = 300 * time.Millisecond
	fast := func(c *Config) { c.NoWatch, c.Quiet = false, quiet }
	a := newBenchDevice(b, root, "deva", fakevault.Records(1_000, 1), fast)
	x := newBenchDevice(b, root, "devb", nil, fast)
	for _, d := range []*benchDevice{a, x} {
		if _, err := d.e.Setup(context.Background(), "pw"); err != nil {
			b.Fatal(err)
		}
	}
	arrived := make(chan struct{}, 100)
	x.r.onApply = func() { arrived <- struct{}{} }
	for _, d := range []*benchDevice{a, x} {
		if err := d.e.Start(); err != nil {
			b.Fatal(err)
		}
		defer d.e.Stop()
	}
	time.Sleep(200 * time.Millisecond) // let the start-up syncs finish
	b.ResetTimer()
	var total time.Duration
	for i := range b.N {
		for len(arrived) > 0 {
			<-arrived
		}
		var id string
		a.r.edit(b, func(v *model.Vault) error {
			r, err := v.AddRecord(model.RecordInput{Type: "login", Name: fmt.Sprint("edit", i)})
			id = r.ID
			return err
		})
		start := time.Now()
		a.e.Changed()
		for {
			<-arrived
			x.r.mu.Lock()
			ok := x.r.v.Entity(id) != nil
			x.r.mu.Unlock()
			if ok {
				break
			}
		}
		total += time.Since(start)
	}
	avg := total / time.Duration(b.N)
	b.ReportMetric(float64(avg.Milliseconds()), "ms/edit-to-visible")
	b.ReportMetric(float64((avg - quiet).Milliseconds()), "excess-ms")
}

// BenchmarkSyncOverJunk: a sync on a long-running device reading 100
// changes from each of two others, in a clean folder and in one holding
// 3,000 junk device folders and a 50 MB junk file with a valid header (so
// it gets as far as decryption). Target: junk ≤ 2× clean, peak heap ≤ +64
// MiB. first-ms and first-peak-MiB are the first sync of a new engine over
// the same folder, which reads the junk file once (a later engine, or the
// next command, remembers it); peak-MiB is the heap's high-water mark
// during a sync above what it held before.
func BenchmarkSyncOverJunk(b *testing.B) {
	for _, junk := range []bool{false, true} {
		name := map[bool]string{false: "clean", true: "junk"}[junk]
		b.Run(fmt.Sprintf("records=10000/%s", name), func(b *testing.B) {
			a, x, y := threeDevices(b, 10_000)
			if junk {
				addJunk(b, a.e.cfg.Root)
			}
			first, firstPeak := timedSync(b, a.e)
			var total time.Duration
			var peak uint64
			b.ResetTimer()
			for i := range b.N {
				b.StopTimer()
				for _, d := range []*benchDevice{x, y} {
					d.editSome(b, 100, i)
					if err := d.e.Flush(context.Background()); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				d, p := timedSync(b, a.e)
				total, peak = total+d, max(peak, p)
			}
			b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/sync")
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
			b.ReportMetric(float64(first.Microseconds())/1000, "first-ms")
			b.ReportMetric(float64(firstPeak)/(1<<20), "first-peak-MiB")
		})
	}
}

// timedSync syncs e after a GC and says how long it took and how much the
// heap grew at most.
func timedSync(b *testing.B, e *Engine) (time.Duration, uint64) {
	runtime.GC()
	start := time.Now()
	p := heapPeak(func() {
		if err := e.SyncNow(context.Background()); err != nil {
			b.Fatal(err)
		}
	})
	return time.Since(start), p
}

// addJunk fills root with what the benchmark's junk is, left there an hour
// ago.
func addJunk(b *testing.B, root string) {
	ago := time.Now().Add(-time.Hour)
	for i := range 3000 {
		p := filepath.Join(root, "devices", fmt.Sprintf("junk%04d", i))
		if err := os.MkdirAll(p, 0o700); err != nil {
			b.Fatal(err)
		}
		os.Chtimes(p, ago, ago)
	}
	big := format.AppendSyncFile(nil, make([]byte, 50<<20))
	p := filepath.Join(root, "devices", "junkbig", "s-1-1.vbs")
	os.MkdirAll(filepath.Dir(p), 0o700)
	if err := os.WriteFile(p, big, 0o600); err != nil {
		b.Fatal(err)
	}
}

// heapPeak runs f and returns the most the live heap grew meanwhile,
// sampled every 500 µs (runtime/metrics reads don't stop the world).
func heapPeak(f func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base, peak := read(), uint64(0)
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	t := time.NewTicker(500 * time.Microsecond)
	defer t.Stop()
	for {
		select {
		case <-done:
			if peak = max(peak, read()); peak < base {
				return 0
			}
			return peak - base
		case <-t.C:
			peak = max(peak, read())
		}
	}
}
