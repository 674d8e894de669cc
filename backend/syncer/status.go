package syncer

import (
	"sync"
	"sync/atomic"
	"time"
)

// State is the machine-readable part of a Status.
type State string

const (
	StateOff           State = "off"            // not set up
	StateIdle          State = "idle"           // in step as of LastSync
	StateSyncing       State = "syncing"        // a sync is running
	StateNeedsPassword State = "needs-password" // see Reason
	StateError         State = "error"          // see Reason and Message
)

// Reason says why the state is what it is, for callers that branch.
type Reason string

const (
	ReasonNone            Reason = ""
	ReasonSetup           Reason = "setup"            // no cloud sync password set yet
	ReasonPasswordChanged Reason = "password-changed" // another device changed it
	ReasonNewerFormat     Reason = "newer-format"     // update Vaultbar
	ReasonFolder          Reason = "folder"           // the sync folder can't be read or written
	ReasonLinkedFolder    Reason = "linked-folder"    // a folder in it links outside: nothing is written
	ReasonWaiting         Reason = "waiting"          // another device's files went back in time
)

// Status is what the UI and CLI show about sync.
type Status struct {
	State    State     `json:"state"`
	Reason   Reason    `json:"reason,omitempty"`
	Message  string    `json:"message"` // a sentence for a person
	Provider string    `json:"provider"`
	Auto     bool      `json:"auto"`
	LastSync time.Time `json:"lastSync"`
	// Warnings are problems that persisted over several scans: files that
	// fail to authenticate, a device whose files went back in time.
	Warnings []string `json:"warnings,omitempty"`
	// Ignored counts the files in the sync folder that no device of ours
	// wrote as they are; CleanUp moves them out.
	Ignored int `json:"ignored,omitempty"`
	// Seq orders statuses, across engines too: a status passed on through
	// something that may reorder (events to a page) is stale when a later
	// Seq was seen. 0 for a status no engine made.
	Seq uint64 `json:"seq,omitempty"`
}

// statusSeq numbers every status any engine makes.
var statusSeq atomic.Uint64

// statusBox holds the current status and tells subscribers of changes.
type statusBox struct {
	mu   sync.Mutex
	cur  Status
	subs map[int]func(Status)
	next int
}

func (b *statusBox) get() Status {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.cur
}

// update changes the status with f and tells subscribers, outside the lock
// so that a subscriber may call back into the engine.
func (b *statusBox) update(f func(*Status)) {
	b.mu.Lock()
	f(&b.cur)
	b.cur.Seq = statusSeq.Add(1)
	s := b.cur
	subs := make([]func(Status), 0, len(b.subs))
	for _, fn := range b.subs {
		subs = append(subs, fn)
	}
	b.mu.Unlock()
	for _, fn := range subs {
		fn(s)
	}
}

func (b *statusBox) subscribe(fn func(Status)) func() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.subs == nil {
		b.subs = map[int]func(Status){}
	}
	id := b.next
	b.next++
	b.subs[id] = fn
	return func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		delete(b.subs, id)
	}
}
