package icloudsim

import (
	"os"
	"path/filepath"
)

// Download asks for an evicted file (by its path or its placeholder's) to
// be brought back, after Options.DownloadDelay steps. It implements
// platform.Files, like brctl on a Mac.
func (d *Device) Download(path string) error {
	s := d.sim
	s.mu.Lock()
	defer s.mu.Unlock()
	rel, err := filepath.Rel(d.Dir, path)
	if err != nil {
		return err
	}
	if real, ok := placeholderOf(rel); ok {
		rel = real
	}
	if !d.evicted[rel] {
		return nil
	}
	if s.opt.DownloadDelay == 0 {
		if v := s.server[rel]; v != nil && !v.deleted {
			s.land(d, rel, v, v.data)
		}
		return nil
	}
	if _, ok := d.downloads[rel]; !ok {
		d.downloads[rel] = s.step + s.opt.DownloadDelay
	}
	return nil
}

// Dataless reports whether the file's content was evicted in place.
func (d *Device) Dataless(path string, _ os.FileInfo) bool {
	s := d.sim
	s.mu.Lock()
	defer s.mu.Unlock()
	rel, err := filepath.Rel(d.Dir, path)
	return err == nil && d.dataless[rel]
}

// Evict evicts one file of d now (by path relative to d.Dir).
func (d *Device) Evict(rel string) {
	d.sim.mu.Lock()
	defer d.sim.mu.Unlock()
	d.sim.evict(d, rel)
}

// Conflict makes a conflict copy of rel on d now, with data as its content.
func (d *Device) Conflict(rel string, data []byte) string {
	d.sim.mu.Lock()
	defer d.sim.mu.Unlock()
	c := d.sim.conflictName(rel, d)
	os.WriteFile(filepath.Join(d.Dir, c), data, 0o600)
	return c
}
