package icloudsim

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Style is the conflict-copy naming of the service simulated.
type Style int

const (
	ICloud Style = iota
	Dropbox
	Syncthing
)

// Options tune the service's misbehaviour. Rates are chances per delivery.
type Options struct {
	Seed          uint64
	Style         Style
	MaxDelay      int     // a delivery takes 0..MaxDelay extra steps
	PartialRate   float64 // lands truncated first, whole a step later
	EvictRate     float64 // evicted right after landing
	Dataless      bool    // evict to dataless files instead of .icloud placeholders
	ConflictRate  float64 // also lands as a conflict copy
	DownloadDelay int     // steps from a Download request to the file (0: at once)
}

// Sim is the service: a server copy of every file and the devices' folders.
type Sim struct {
	mu     sync.Mutex
	opt    Options
	rng    *rand.Rand
	step   int
	nextID int
	server map[string]*version
	// history is every version of every file, oldest first, for Rollback.
	history map[string][]*version
	devs    []*Device
	queue   []*delivery
}

type version struct {
	id      int
	at      int // the step it was published at
	data    []byte
	deleted bool
}

type delivery struct {
	dev     *Device
	rel     string
	ver     *version
	due     int
	partial bool // write a truncated copy first
}

// New returns a service with no devices.
func New(opt Options) *Sim {
	return &Sim{opt: opt, rng: rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15)), server: map[string]*version{}, history: map[string][]*version{}}
}

// Device is one simulated computer's copy of the synced folder.
type Device struct {
	sim  *Sim
	Name string
	Dir  string
	// seen is, per file, the server version this copy holds and the bytes
	// the service last wrote or uploaded there (to tell local edits).
	seen      map[string]seen
	evicted   map[string]bool // rel -> evicted (placeholder or dataless)
	dataless  map[string]bool
	downloads map[string]int // rel -> step it arrives
}

type seen struct {
	id   int
	data []byte
}

// AddDevice adds a device whose folder is dir (created if needed).
func (s *Sim) AddDevice(name, dir string) *Device {
	s.mu.Lock()
	defer s.mu.Unlock()
	os.MkdirAll(dir, 0o700)
	d := &Device{sim: s, Name: name, Dir: dir, seen: map[string]seen{}, evicted: map[string]bool{}, dataless: map[string]bool{}, downloads: map[string]int{}}
	s.devs = append(s.devs, d)
	for rel, v := range s.server {
		if !v.deleted {
			s.enqueue(d, rel, v)
		}
	}
	return d
}

// Step runs one round: upload what devices changed, deliver what is due (in
// random order), complete requested downloads.
func (s *Sim) Step() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.step++
	for _, d := range s.devs {
		s.upload(d)
	}
	s.deliver()
	for _, d := range s.devs {
		s.completeDownloads(d)
	}
}

// Settle steps until nothing is in flight. Evicted files stay evicted.
func (s *Sim) Settle() {
	for range 1000 {
		s.Step()
		if s.idle() {
			return
		}
	}
	panic("icloudsim: did not settle")
}

func (s *Sim) idle() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.queue) > 0 {
		return false
	}
	for _, d := range s.devs {
		if len(d.downloads) > 0 || len(s.localChanges(d)) > 0 {
			return false
		}
	}
	return true
}

// upload sends a device's local changes to the server. A change to a file
// the server changed meanwhile (from another device) becomes a conflict copy.
func (s *Sim) upload(d *Device) {
	for _, c := range s.localChanges(d) {
		cur := s.server[c.rel]
		if cur != nil && !cur.deleted && cur.id != d.seen[c.rel].id && !c.deleted {
			copyRel := s.conflictName(c.rel, d)
			os.Rename(filepath.Join(d.Dir, c.rel), filepath.Join(d.Dir, copyRel))
			s.publish(d, copyRel, c.data, false)
			s.enqueue(d, c.rel, cur) // the server's version comes back
			delete(d.seen, c.rel)
			continue
		}
		s.publish(d, c.rel, c.data, c.deleted)
	}
}

func (s *Sim) publish(from *Device, rel string, data []byte, deleted bool) {
	s.nextID++
	v := &version{id: s.nextID, at: s.step, data: data, deleted: deleted}
	s.server[rel] = v
	s.history[rel] = append(s.history[rel], v)
	switch {
	case from == nil: // changed on the server itself: every device gets it
	case deleted:
		delete(from.seen, rel)
	default:
		from.seen[rel] = seen{v.id, data}
	}
	for _, d := range s.devs {
		if d != from {
			s.enqueue(d, rel, v)
		}
	}
}

func (s *Sim) enqueue(d *Device, rel string, v *version) {
	delay := 0
	if s.opt.MaxDelay > 0 {
		delay = s.rng.IntN(s.opt.MaxDelay + 1)
	}
	partial := !v.deleted && len(v.data) > 1 && s.rng.Float64() < s.opt.PartialRate
	s.queue = append(s.queue, &delivery{dev: d, rel: rel, ver: v, due: s.step + 1 + delay, partial: partial})
}

type change struct {
	rel     string
	data    []byte
	deleted bool
}

// localChanges lists files a device's folder has that differ from what the
// service last put there, and files it removed.
func (s *Sim) localChanges(d *Device) []change {
	var out []change
	present := map[string]bool{}
	filepath.WalkDir(d.Dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(d.Dir, p)
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			if real, ok := placeholderOf(rel); ok {
				present[real] = true
			}
			return nil // temp files and placeholders are not uploaded
		}
		present[rel] = true
		if d.dataless[rel] {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		if sn, ok := d.seen[rel]; !ok || !bytes.Equal(sn.data, b) {
			out = append(out, change{rel: rel, data: b})
		}
		return nil
	})
	for rel := range d.seen {
		if !present[rel] && !s.inFlight(d, rel) {
			out = append(out, change{rel: rel, deleted: true})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].rel < out[j].rel })
	return out
}

func (s *Sim) inFlight(d *Device, rel string) bool {
	_, ok := d.downloads[rel]
	return ok
}

func placeholderOf(rel string) (string, bool) {
	dir, name := filepath.Split(rel)
	if !strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".icloud") {
		return "", false
	}
	return filepath.Join(dir, strings.TrimSuffix(name[1:], ".icloud")), true
}

// deliver lands every due delivery, in random order. A delivery overtaken
// by a newer version of its file is dropped, as services do.
func (s *Sim) deliver() {
	var due, later []*delivery
	for _, q := range s.queue {
		if q.due <= s.step {
			due = append(due, q)
		} else {
			later = append(later, q)
		}
	}
	s.rng.Shuffle(len(due), func(i, j int) { due[i], due[j] = due[j], due[i] })
	s.queue = later
	for _, q := range due {
		if cur := s.server[q.rel]; cur != q.ver {
			continue
		}
		if q.partial {
			s.land(q.dev, q.rel, q.ver, q.ver.data[:len(q.ver.data)/2])
			q.partial, q.due = false, s.step+1
			s.queue = append(s.queue, q)
			continue
		}
		s.landWhole(q.dev, q.rel, q.ver)
	}
}

func (s *Sim) landWhole(d *Device, rel string, v *version) {
	if v.deleted {
		os.Remove(filepath.Join(d.Dir, rel))
		os.Remove(placeholderPath(d.Dir, rel))
		delete(d.seen, rel)
		delete(d.evicted, rel)
		delete(d.dataless, rel)
		return
	}
	s.land(d, rel, v, v.data)
	if s.rng.Float64() < s.opt.EvictRate {
		s.evict(d, rel)
	}
	if s.rng.Float64() < s.opt.ConflictRate {
		// A spurious conflict: the same bytes under a conflict name, which
		// then syncs everywhere like any new file.
		os.WriteFile(filepath.Join(d.Dir, s.conflictName(rel, d)), v.data, 0o600)
	}
}

// land writes data in place (not atomically: readers may see it growing).
func (s *Sim) land(d *Device, rel string, v *version, data []byte) {
	p := filepath.Join(d.Dir, rel)
	os.MkdirAll(filepath.Dir(p), 0o700)
	os.Remove(placeholderPath(d.Dir, rel))
	os.WriteFile(p, data, 0o600)
	d.seen[rel] = seen{v.id, data}
	delete(d.evicted, rel)
	delete(d.dataless, rel)
}

func placeholderPath(dir, rel string) string {
	r, name := filepath.Split(rel)
	return filepath.Join(dir, r, "."+name+".icloud")
}

// evict drops a file's content, leaving a placeholder or a dataless file.
func (s *Sim) evict(d *Device, rel string) {
	p := filepath.Join(d.Dir, rel)
	d.evicted[rel] = true
	if s.opt.Dataless {
		d.dataless[rel] = true
		os.WriteFile(p, nil, 0o600)
		return
	}
	os.Remove(p)
	os.WriteFile(placeholderPath(d.Dir, rel), []byte("placeholder"), 0o600)
}

func (s *Sim) completeDownloads(d *Device) {
	for rel, at := range d.downloads {
		if at > s.step {
			continue
		}
		delete(d.downloads, rel)
		if v := s.server[rel]; v != nil && !v.deleted && d.evicted[rel] {
			s.land(d, rel, v, v.data)
		}
	}
}

// conflictName names a conflict copy of rel made on d, in the service's style.
func (s *Sim) conflictName(rel string, d *Device) string {
	ext := filepath.Ext(rel)
	base := strings.TrimSuffix(rel, ext)
	switch s.opt.Style {
	case Dropbox:
		return fmt.Sprintf("%s (%s's conflicted copy 2024-05-%02d)%s", base, d.Name, 1+s.step%28, ext)
	case Syncthing:
		return fmt.Sprintf("%s.sync-conflict-20240501-%06d-%s%s", base, s.step, strings.ToUpper(d.Name), ext)
	}
	for n := 2; ; n++ {
		c := fmt.Sprintf("%s %d%s", base, n, ext)
		if _, err := os.Stat(filepath.Join(d.Dir, c)); err != nil && s.server[c] == nil {
			return c
		}
	}
}
