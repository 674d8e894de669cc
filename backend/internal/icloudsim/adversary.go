package icloudsim

import (
	"slices"
	"strings"
)

// The adversary: changes made on the service itself (its web site's
// "restore previous version", a person who can write the shared folder, a
// backup tool), which every device then receives like any other change.

// Now is the current step, to roll back to later.
func (s *Sim) Now() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.step
}

// Files lists the files the service holds under prefix (relative paths,
// "/"-separated, as devices' folders hold them), sorted.
func (s *Sim) Files(prefix string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for rel, v := range s.server {
		if !v.deleted && strings.HasPrefix(rel, prefix) {
			out = append(out, rel)
		}
	}
	slices.Sort(out)
	return out
}

// Read is the service's copy of rel, or nil.
func (s *Sim) Read(rel string) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v := s.server[rel]; v != nil && !v.deleted {
		return v.data
	}
	return nil
}

// Put writes data to rel on the service: a forged or junk file.
func (s *Sim) Put(rel string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.publish(nil, rel, data, false)
}

// Delete removes rel on the service.
func (s *Sim) Delete(rel string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v := s.server[rel]; v != nil && !v.deleted {
		s.publish(nil, rel, nil, true)
	}
}

// Swap exchanges the contents of two files on the service.
func (s *Sim) Swap(a, b string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	va, vb := s.server[a], s.server[b]
	if va == nil || vb == nil || va.deleted || vb.deleted {
		return
	}
	s.publish(nil, a, vb.data, false)
	s.publish(nil, b, va.data, false)
}

// Rollback restores every file under prefix to what it was at step: files
// made since are deleted, files deleted since come back, as a folder
// restored from an older copy.
func (s *Sim) Rollback(prefix string, step int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var rels []string
	for rel := range s.history {
		if strings.HasPrefix(rel, prefix) {
			rels = append(rels, rel)
		}
	}
	slices.Sort(rels) // the random order of deliveries stays seeded
	for _, rel := range rels {
		old := s.versionAt(rel, step)
		cur := s.server[rel]
		switch {
		case old == nil || old.deleted:
			if cur != nil && !cur.deleted {
				s.publish(nil, rel, nil, true)
			}
		case cur != old:
			s.publish(nil, rel, old.data, false)
		}
	}
}

// versionAt is the version of rel the service held at step, if any.
func (s *Sim) versionAt(rel string, step int) *version {
	var out *version
	for _, v := range s.history[rel] {
		if v.at <= step {
			out = v
		}
	}
	return out
}
