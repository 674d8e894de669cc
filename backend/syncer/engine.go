package syncer

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
	"vaultbar/backend/platform"
	"vaultbar/backend/syncfolder"
	"vaultbar/backend/watch"
)

// Errors callers branch on.
var (
	ErrWrongSyncPassword = errors.New("the cloud sync password is not the one set on your other devices")
	ErrNewerFormat       = errors.New("the sync data was written by a newer version of Vaultbar; update Vaultbar on this device to keep syncing")
	ErrNeedsPassword     = errors.New("the cloud sync password was changed on another device; enter the new one")
	ErrNotSetUp          = errors.New("sync is not set up: set the cloud sync password first")
	ErrNoSyncData        = errors.New("there is no sync data in the sync folder yet; set a new cloud sync password")
	ErrDownloading       = errors.New("the sync key is still downloading; try again in a moment")
)

// Config is what the caller decides about an engine.
type Config struct {
	Root     string  // the sync folder, from syncfolder.Root
	Provider string  // for messages: "iCloud", "the sync folder"
	Replica  Replica // the local vault

	// Files is the system's file specifics; nil for platform.Default().
	Files platform.Files
	// SnapshotEvery is how many change files go between snapshots; 0 for 32.
	SnapshotEvery int
	// Quiet is how long edits must pause before they are synced (0: 2 s);
	// MaxWait how long after the first of a run of edits a sync happens at
	// the latest (0: 30 s).
	Quiet, MaxWait time.Duration
	// Rescan is how often the folder is scanned if no change was noticed
	// (0: 1 minute). NoWatch turns the folder watcher off.
	Rescan  time.Duration
	NoWatch bool
	// Clock drives the scheduler; nil for the system clock.
	Clock Clock
	// PollInterval is how often Setup looks for a key file being downloaded.
	PollInterval time.Duration

	// TestKDF, when set, replaces the calibrated Argon2id parameters of new
	// key files. Only tests set it; no user path reaches it.
	TestKDF *crypto.KDFParams
	// Derive, when set, replaces crypto.DeriveKeyContext, so tests can hold
	// a key derivation open. Only tests set it.
	Derive func(ctx context.Context, password, salt []byte, p crypto.KDFParams) (*crypto.Key, error)
}

// Engine syncs one Replica with one sync folder. Its methods are safe for
// concurrent use; syncs are serialised.
type Engine struct {
	cfg    Config
	folder *syncfolder.Folder
	dev    string

	mu       sync.Mutex // held for a whole sync or password operation
	st       *state     // nil until set up
	keys     map[uint64]*crypto.Key
	halted   bool // a newer format was seen: never write again
	problems map[string]*problem
	kr       keyRoom // what is known of the key files (keys_scan.go)
	last     time.Time

	status  statusBox
	sched   *scheduler
	watcher *watch.Watcher
}

// New returns an engine for cfg, restoring its state from the replica.
func New(cfg Config) (*Engine, error) {
	cfg = withDefaults(cfg)
	e := &Engine{cfg: cfg, folder: syncfolder.New(cfg.Root, cfg.Files), dev: cfg.Replica.DeviceID(), problems: map[string]*problem{}}
	if !format.ValidDeviceID(e.dev) {
		return nil, fmt.Errorf("device id %q can't name a sync folder", e.dev)
	}
	st, err := decodeState(cfg.Replica.SyncState())
	if err != nil {
		return nil, err
	}
	if err := e.load(st); err != nil {
		return nil, err
	}
	e.sched = newScheduler(cfg.Clock, cfg.Quiet, cfg.MaxWait, e.runScheduled)
	e.setIdle()
	return e, nil
}

func withDefaults(c Config) Config {
	if c.SnapshotEvery <= 0 {
		c.SnapshotEvery = 32
	}
	if c.Quiet <= 0 {
		c.Quiet = 2 * time.Second
	}
	if c.MaxWait <= 0 {
		c.MaxWait = 30 * time.Second
	}
	if c.Rescan <= 0 {
		c.Rescan = time.Minute
	}
	if c.Clock == nil {
		c.Clock = systemClock{}
	}
	if c.PollInterval <= 0 {
		c.PollInterval = 200 * time.Millisecond
	}
	if c.Provider == "" {
		c.Provider = "the sync folder"
	}
	return c
}

func (e *Engine) load(st *state) error {
	e.wipeKeys()
	e.st = st
	e.problems = map[string]*problem{} // files that failed may open with new keys
	if e.sched != nil {
		e.sched.setAuto(st != nil && !st.Manual)
	}
	if st == nil {
		return nil
	}
	if st.LastSync.After(e.last) {
		e.last = st.LastSync // the last sync of an earlier run
	}
	e.restoreIgnored()
	keys, err := st.keys()
	e.keys = keys
	return err
}

func (e *Engine) wipeKeys() {
	for _, k := range e.keys {
		k.Wipe()
	}
	e.keys = nil
}

func (e *Engine) save() error {
	if err := e.cfg.Replica.SaveSyncState(e.st.encode()); err != nil {
		return fmt.Errorf("saving the sync state: %w", err)
	}
	return nil
}

// Probe reports whether sync data already exists at root, so the UI can ask
// for a new cloud sync password or the existing one. Files still to be
// downloaded count.
func Probe(root string) (exists bool, err error) {
	l, err := syncfolder.New(root, nil).Scan()
	if err != nil {
		return false, err
	}
	return inUse(l), nil
}

// Probe is Probe for this engine's folder.
func (e *Engine) Probe() (bool, error) {
	l, err := e.folder.Scan()
	if err != nil {
		return false, err
	}
	return inUse(l), nil
}

// ready reports whether the engine may sync.
func (e *Engine) ready() error {
	switch {
	case e.halted:
		return ErrNewerFormat
	case e.st == nil:
		return ErrNotSetUp
	}
	return nil
}

// SyncNow reads other devices' new data and publishes this device's.
func (e *Engine) SyncNow(ctx context.Context) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.syncLocked(ctx)
}

// Flush publishes this device's unpublished edits without reading, for
// quitting or locking: it returns when they are written or ctx is done.
func (e *Engine) Flush(ctx context.Context) error {
	done := make(chan error, 1)
	go func() {
		e.mu.Lock()
		defer e.mu.Unlock()
		done <- e.flushLocked()
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("publishing the last edits: %w", ctx.Err())
	}
}

func (e *Engine) flushLocked() error {
	if err := e.ready(); err != nil {
		return err
	}
	l, err := e.listing()
	if err != nil {
		return err
	}
	if err := e.push(l); err != nil {
		return e.fail(err)
	}
	return nil
}

// Forget drops the sync state (keys, what was read) from the vault, for
// switching sync off. The files in the sync folder stay for other devices.
func (e *Engine) Forget() error {
	e.Stop()
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.cfg.Replica.SaveSyncState(nil); err != nil {
		return fmt.Errorf("saving the sync state: %w", err)
	}
	e.load(nil)
	e.setIdle()
	return nil
}

// ownFile reports whether a changed path is this device's own writing,
// which needs no sync in answer.
func (e *Engine) ownFile(path string) bool {
	own := e.folder.DevicePath(e.dev, "")
	return strings.HasPrefix(path, own) || strings.HasPrefix(filepath.Base(path), syncfolder.TempPrefix)
}

// Status is the current sync status.
func (e *Engine) Status() Status { return e.status.get() }

// Subscribe calls fn with every new status until the returned func is
// called. fn must not block for long.
func (e *Engine) Subscribe(fn func(Status)) (cancel func()) { return e.status.subscribe(fn) }
