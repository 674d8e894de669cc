package syncer

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"vaultbar/backend/crypto"
)

// state is the engine's bookkeeping, kept inside the encrypted local vault
// through Replica.SyncState. It holds data keys, so it never leaves the vault.
type state struct {
	Epoch     uint64            `json:"epoch"`     // epoch this device writes under
	KeyDevice string            `json:"keyDevice"` // device whose key file defines Epoch
	Keys      map[uint64][]byte `json:"keys"`      // data key of every epoch known
	Seq       uint64            `json:"seq"`       // last sequence number written
	SnapSeq   uint64            `json:"snapSeq"`   // seq of the latest own snapshot, 0 before the first
	SnapEpoch uint64            `json:"snapEpoch"` // epoch of that snapshot
	SinceSnap int               `json:"sinceSnap"` // change files written since it
	Manual    bool              `json:"manual"`    // auto-sync switched off
	Peers     map[string]*peer  `json:"peers"`     // what has been read from each device
	keyState                    // the current key file and the cutoffs of older epochs (keys_state.go)
	// Own is every file this device has published and not yet replaced, as
	// it left them, so that a file deleted, rolled back or swapped in the
	// sync folder is noticed and healed.
	Own map[string]ownFile `json:"own,omitempty"`
	// Ignored remembers the largest files that failed to open (by path in
	// the sync folder), so that a new engine does not read them again.
	Ignored map[string]ignoredFile `json:"ignored,omitempty"`
	// LastSync is when a sync last completed, shown across runs.
	LastSync time.Time `json:"lastSync,omitzero"`
}

// ignoredFile is a file that failed to open, as it was then.
type ignoredFile struct {
	Size  int64     `json:"size"`
	Mod   time.Time `json:"mod"`
	Msg   string    `json:"msg"`
	Scans int       `json:"scans"` // as problem.scans, up to ProblemScans
}

// ownFile is how one published file was left: its size and modification
// time, which change if anything but this device writes it.
type ownFile struct {
	Size int64     `json:"size"`
	Mod  time.Time `json:"mod"`
}

// peer is what has been applied from one other device.
type peer struct {
	Seq   uint64   `json:"seq"`             // every seq up to here is applied
	Early []uint64 `json:"early,omitempty"` // seqs above Seq applied ahead of a gap
	High  uint64   `json:"high"`            // highest seq ever seen, to notice a rollback
}

func decodeState(b []byte) (*state, error) {
	if len(b) == 0 {
		return nil, nil
	}
	st := &state{}
	if err := json.Unmarshal(b, st); err != nil {
		return nil, fmt.Errorf("the sync state in this vault is damaged (%v); set up sync again", err)
	}
	if st.Peers == nil {
		st.Peers = map[string]*peer{}
	}
	st.dropEmptyPeers()
	return st, nil
}

func (st *state) encode() []byte {
	b, err := json.Marshal(st)
	if err != nil {
		panic(err) // maps of plain values always marshal
	}
	return b
}

// keys decodes the data keys. Callers wipe them.
func (st *state) keys() (map[uint64]*crypto.Key, error) {
	out := make(map[uint64]*crypto.Key, len(st.Keys))
	for ep, b := range st.Keys {
		k, err := crypto.KeyFromBytes(b)
		if err != nil {
			return nil, fmt.Errorf("sync key of epoch %d: %w", ep, err)
		}
		out[ep] = k
	}
	return out, nil
}

// maxPeers bounds the devices recorded. Only a device whose file
// authenticated is recorded, so this is reached only by someone holding the
// sync key who makes up device names; the vault must not grow without end.
const maxPeers = 512

// peer returns what was applied from dev, recording it (only called once
// one of its files authenticated); nil when maxPeers are recorded already.
func (st *state) peer(dev string) *peer {
	p := st.Peers[dev]
	if p == nil {
		if len(st.Peers) >= maxPeers {
			return nil
		}
		p = &peer{}
		st.Peers[dev] = p
	}
	return p
}

// seen is what was applied from dev, without recording it: a folder with a
// device's name proves nothing until one of its files authenticates.
func (st *state) seen(dev string) *peer {
	if p := st.Peers[dev]; p != nil {
		return p
	}
	return &peer{}
}

// dropEmptyPeers forgets devices of which nothing was ever applied, which
// older versions recorded for every folder with a device's name.
func (st *state) dropEmptyPeers() {
	for dev, p := range st.Peers {
		if p.Seq == 0 && p.High == 0 && len(p.Early) == 0 {
			delete(st.Peers, dev)
		}
	}
}

// applied reports whether seq has been applied.
func (p *peer) applied(seq uint64) bool { return seq <= p.Seq || slices.Contains(p.Early, seq) }

// mark records seq as applied and advances Seq over the contiguous prefix.
// A snapshot covers every seq up to its own, so it passes through = true.
func (p *peer) mark(seq uint64, through bool) {
	p.High = max(p.High, seq)
	if through && seq > p.Seq {
		p.Seq = seq
	} else if seq > p.Seq && !slices.Contains(p.Early, seq) {
		p.Early = append(p.Early, seq)
	}
	for slices.Contains(p.Early, p.Seq+1) {
		p.Seq++
	}
	p.Early = slices.DeleteFunc(p.Early, func(s uint64) bool { return s <= p.Seq })
	slices.Sort(p.Early)
}
