package syncer

import (
	"fmt"

	"vaultbar/backend/format"
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
}

// errRevoked is why a file of an older epoch is refused.
var errRevoked = fmt.Errorf("written with a cloud sync password after it was changed")

// revoked refuses a device's file written under an older epoch after the
// change that ended it.
func (e *Engine) revoked(dev string, n format.SyncName) error {
	for since, cut := range e.st.Cutoffs {
		if n.Epoch < since && n.Seq > cut[dev] {
			return fmt.Errorf("%w (epoch %d, %d)", errRevoked, n.Epoch, n.Seq)
		}
	}
	return nil
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
