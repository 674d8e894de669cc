package syncer

import (
	"bytes"
	"errors"

	"vaultbar/backend/format"
	"vaultbar/backend/syncfolder"
)

// tendKeys keeps the key files right after a sync: it writes the current
// key file again if it went missing or was replaced by something else, and
// removes this device's own key files of older epochs once every other
// device writes under a later one.
func (e *Engine) tendKeys(l *syncfolder.Listing) {
	v := e.kr.view
	if v == nil || e.st == nil {
		return
	}
	e.keepKeyFile(v)
	e.healKeyFile(l, v)
	e.pruneKeys(l)
}

// keepKeyFile learns the bytes of the current key file for a state kept
// before they were: the file's body must open with this epoch's key.
func (e *Engine) keepKeyFile(v *keyView) {
	if len(e.st.KeyFile) > 0 || v.current == nil || !sealedBy(v.current.kf, e.keys[e.st.Epoch]) {
		return
	}
	e.st.KeyFile = bytes.Clone(v.current.raw)
	e.save() // if it fails, the next sync tries again
}

// healKeyFile rewrites the current key file, byte for byte, when it is not
// in the folder (deleted, or rolled back with the rest) or was replaced by
// bytes that are not it. One cut short is left alone for a few scans: it
// may still be arriving.
func (e *Engine) healKeyFile(l *syncfolder.Listing, v *keyView) {
	if len(e.st.KeyFile) == 0 {
		return
	}
	name := format.KeyName{Epoch: e.st.Epoch, Device: e.st.KeyDevice}.String()
	for _, p := range l.KeysPending {
		if p.Name == name {
			return
		}
	}
	path := e.folder.KeyPath(name)
	if ke := e.kr.parsed[path]; ke != nil {
		if ke.err == nil && bytes.Equal(ke.raw, e.st.KeyFile) {
			return
		}
		if pr := e.kr.junk[path]; errors.Is(ke.err, format.ErrTruncated) && (pr == nil || pr.scans < ProblemScans) {
			return // may still be arriving
		}
	} else if present(l, name) {
		return // unreadable this time
	}
	e.folder.Write(path, e.st.KeyFile) // if it fails, the next sync tries again
}

func present(l *syncfolder.Listing, name string) bool {
	for _, f := range l.Keys {
		if !f.Copy && f.Name == name {
			return true
		}
	}
	return false
}

// pruneKeys removes this device's key files of epochs before its own, once
// each other device it has read from writes under a later one: a device
// still on an older epoch needs the chain from its key to the new one.
// Only files this device wrote go: its name, and a body sealed by the key
// of that epoch.
func (e *Engine) pruneKeys(l *syncfolder.Listing) {
	if !e.othersMovedOn(l) {
		return
	}
	for _, f := range l.Keys {
		ke := e.kr.parsed[f.Path]
		if f.Copy || ke == nil || ke.err != nil || ke.name.Device != e.dev || ke.name.Epoch >= e.st.Epoch {
			continue
		}
		if sealedBy(ke.kf, e.keys[ke.name.Epoch]) {
			e.folder.Remove(f.Path)
		}
	}
}

// othersMovedOn reports whether every device this one has read from has
// its newest file under the current epoch or a later one.
func (e *Engine) othersMovedOn(l *syncfolder.Listing) bool {
	for dev, d := range l.Devices {
		p := e.st.Peers[dev]
		if dev == e.dev || p == nil || max(p.Seq, p.High) == 0 {
			continue
		}
		var top uint64
		for _, f := range d.Files {
			if n, ok := format.ParseSyncName(f.Name); ok && !f.Copy {
				top = max(top, n.Epoch)
			}
		}
		if top < e.st.Epoch {
			return false
		}
	}
	return true
}
