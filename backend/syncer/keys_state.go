package syncer

import (
	"bytes"
	"crypto/sha256"
	"fmt"

	"vaultbar/backend/format"
	"vaultbar/backend/syncfolder"
)

// keyState is the part of the sync state that concerns key files. It lives
// inside the encrypted vault with the rest.
type keyState struct {
	// KeyFile is the bytes of the key file that defines Epoch, so that this
	// device can write it again when it goes missing, and recognise the
	// password it replaced. Empty in states from before it was kept, until
	// the file is seen and checked.
	KeyFile []byte `json:"keyFile,omitempty"`
	// Cutoffs revoke older epochs: for each epoch N that a password change
	// started, the last seq each device had written when it did. A file of
	// an epoch below N with a higher seq was written with a password that
	// was already replaced, so it is not accepted.
	Cutoffs map[uint64]map[string]uint64 `json:"cutoffs,omitempty"`
	// Digests pin the files of older epochs that were in the folder at the
	// latest change and within its cutoffs (by "device/name"): only these
	// bytes are accepted afterwards.
	Digests map[string][]byte `json:"digests,omitempty"`
}

// errRevoked is why a file of an older epoch is refused.
var errRevoked = fmt.Errorf("written with a cloud sync password after it was changed")

// revoked refuses a device's file of an older epoch unless the change that
// ended the epoch lists it: within the device's cutoff and byte for byte
// as it was then. What it held is in the changing device's snapshot anyway.
func (e *Engine) revoked(dev string, n format.SyncName, raw []byte) error {
	ended := false
	for since, cut := range e.st.Cutoffs {
		if n.Epoch >= since {
			continue
		}
		ended = true
		if n.Seq > cut[dev] {
			return fmt.Errorf("%w (epoch %d, %d)", errRevoked, n.Epoch, n.Seq)
		}
	}
	if sum := sha256.Sum256(raw); ended && !bytes.Equal(e.st.Digests[digestKey(dev, n)], sum[:]) {
		return fmt.Errorf("%w (epoch %d, %d: not the file that was there)", errRevoked, n.Epoch, n.Seq)
	}
	return nil
}

func digestKey(dev string, n format.SyncName) string { return dev + "/" + n.String() }

// setDigests replaces the pinned files with those of a newer key file.
func (st *state) setDigests(list []format.FileDigest) {
	st.Digests = make(map[string][]byte, len(list))
	for _, d := range list {
		st.Digests[digestKey(d.Device, d.Name)] = bytes.Clone(d.Sum[:])
	}
}

// maxDigests bounds the files a change pins (about 60 bytes each).
const maxDigests = 8192

// digestsFor pins, for a change, the device files now in the folder that a
// device would still accept once it ends the current epoch: those this
// device accepts now, within the new cutoffs.
func (e *Engine) digestsFor(l *syncfolder.Listing, cut []format.Cutoff, next uint64) []format.FileDigest {
	limit := map[string]uint64{}
	for _, c := range cut {
		if c.Epoch == next {
			limit[c.Device] = c.Seq
		}
	}
	var out []format.FileDigest
	for dev, d := range l.Devices {
		for _, f := range d.Files {
			n, ok := format.ParseSyncName(f.Name)
			if !ok || f.Copy || n.Seq > limit[dev] || len(out) >= maxDigests {
				continue
			}
			if raw, err := e.folder.Read(f.Path); err == nil && e.revoked(dev, n, raw) == nil {
				out = append(out, format.FileDigest{Device: dev, Name: n, Sum: sha256.Sum256(raw)})
			}
		}
	}
	return out
}

// cutoffsFor is what a change to epoch next revokes: every device's files
// of older epochs beyond the last one this device has read (its own: all it
// wrote), plus the cutoffs of earlier changes.
func (st *state) cutoffsFor(next uint64, self string) []format.Cutoff {
	out := st.cutoffList()
	out = append(out, format.Cutoff{Epoch: next, Device: self, Seq: st.Seq})
	for dev, p := range st.Peers {
		if dev != self && format.ValidDeviceID(dev) && max(p.Seq, p.High) > 0 { // absent means 0
			out = append(out, format.Cutoff{Epoch: next, Device: dev, Seq: max(p.Seq, p.High)})
		}
	}
	return out
}

func (st *state) cutoffList() []format.Cutoff {
	var out []format.Cutoff
	for ep, cut := range st.Cutoffs {
		for dev, seq := range cut {
			out = append(out, format.Cutoff{Epoch: ep, Device: dev, Seq: seq})
		}
	}
	return out
}

// addCutoffs records cutoffs read from a key file. A cutoff once set is
// never raised: a later key file can't give back what an earlier revoked.
func (st *state) addCutoffs(list []format.Cutoff) {
	if st.Cutoffs == nil {
		st.Cutoffs = map[uint64]map[string]uint64{}
	}
	for _, c := range list {
		cut := st.Cutoffs[c.Epoch]
		if cut == nil {
			cut = map[string]uint64{}
			st.Cutoffs[c.Epoch] = cut
		}
		if old, ok := cut[c.Device]; !ok || c.Seq < old {
			cut[c.Device] = c.Seq
		}
	}
}
