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
	seenKeys map[string]bool // key files whose format was checked
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
	return l.Exists(), nil
}

// Probe is Probe for this engine's folder.
func (e *Engine) Probe() (bool, error) {
	l, err := e.folder.Scan()
	if err != nil {
		return false, err
	}
	return l.Exists(), nil
}

// Setup sets the cloud sync password and syncs. If no device has set up the
// folder yet, it creates the sync key with password (existing = false);
// otherwise it checks password against the latest key file before writing
// anything, and a wrong one gives ErrWrongSyncPassword.
func (e *Engine) Setup(ctx context.Context, password string) (existing bool, err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.halted {
		return false, ErrNewerFormat
	}
	b, found, err := e.readLatestKey(ctx)
	if err != nil {
		return found, e.fail(err)
	}
	if found {
		return true, e.adopt(ctx, b, password)
	}
	return false, e.create(ctx, password)
}

func (e *Engine) create(ctx context.Context, password string) error {
	if password == "" {
		return errors.New("the cloud sync password can't be empty")
	}
	b, dk, err := newKeyFile(password, 1, e.dev, e.kdf(), nil)
	if err != nil {
		return err
	}
	if err := e.folder.Write(e.folder.KeyPath(format.KeyName{Epoch: 1, Device: e.dev}.String()), b); err != nil {
		dk.Wipe()
		return e.fail(err)
	}
	st := &state{Epoch: 1, KeyDevice: e.dev, Keys: map[uint64][]byte{1: append([]byte(nil), dk.Bytes()...)}, Peers: map[string]*peer{}}
	dk.Wipe()
	if e.st != nil {
		st.Seq, st.Peers, st.Manual = e.st.Seq, e.st.Peers, e.st.Manual
	}
	if err := e.load(st); err != nil {
		return err
	}
	if err := e.save(); err != nil {
		return err
	}
	return e.firstSync(ctx)
}

// firstSync syncs right after a password was accepted. The password stands
// whatever the sync does; only a newer format is worth failing for, since
// anything else (a slow folder, a cancelled context) shows in the status
// and is retried by the scheduler.
func (e *Engine) firstSync(ctx context.Context) error {
	if err := e.syncLocked(ctx); errors.Is(err, ErrNewerFormat) {
		return err
	}
	return nil
}

func (e *Engine) kdf() crypto.KDFParams {
	if e.cfg.TestKDF != nil {
		return *e.cfg.TestKDF
	}
	return crypto.Calibrate(500 * time.Millisecond)
}

// adopt takes the keys of key file b, unwrapped with password, and syncs.
// What was read from other devices is kept; the data keys of earlier epochs
// too, so files that lagging devices wrote under them stay readable.
func (e *Engine) adopt(ctx context.Context, b []byte, password string) error {
	kf, keys, err := openKeyFile(b, password)
	if err != nil {
		if errors.Is(err, ErrNewerFormat) {
			e.halt()
		}
		return err
	}
	st := &state{Peers: map[string]*peer{}, Keys: map[uint64][]byte{}}
	if e.st != nil {
		c := *e.st
		st = &c
	}
	st.Epoch, st.KeyDevice = kf.Epoch, kf.Device
	for ep, k := range keys {
		st.Keys[ep] = append([]byte(nil), k.Bytes()...)
		k.Wipe()
	}
	if err := e.load(st); err != nil {
		return err
	}
	if err := e.save(); err != nil {
		return err
	}
	return e.firstSync(ctx)
}

// EnterPassword takes the cloud sync password after another device changed
// it, then syncs: edits made here meanwhile are published under the new one.
func (e *Engine) EnterPassword(ctx context.Context, password string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.halted {
		return ErrNewerFormat
	}
	b, found, err := e.readLatestKey(ctx)
	if err != nil {
		return e.fail(err)
	}
	if !found {
		return ErrNoSyncData
	}
	return e.adopt(ctx, b, password)
}

// ChangePassword replaces the cloud sync password: a new random data key
// under a new epoch, this device's data republished under it and its files
// of earlier epochs removed. Other devices need the new password next.
func (e *Engine) ChangePassword(ctx context.Context, password string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.ready(); err != nil {
		return err
	}
	if password == "" {
		return errors.New("the cloud sync password can't be empty")
	}
	l, err := e.folder.Scan()
	if err != nil {
		return e.fail(err)
	}
	if err := e.checkKeys(l); err != nil {
		return err
	}
	epoch := e.st.Epoch + 1
	if latest, _, ok := latestKey(l); ok {
		epoch = max(epoch, latest.Epoch+1)
	}
	b, dk, err := newKeyFile(password, epoch, e.dev, e.kdf(), e.keys)
	if err != nil {
		return err
	}
	if err := e.folder.Write(e.folder.KeyPath(format.KeyName{Epoch: epoch, Device: e.dev}.String()), b); err != nil {
		dk.Wipe()
		return e.fail(err)
	}
	e.st.Epoch, e.st.KeyDevice = epoch, e.dev
	e.st.Keys[epoch] = append([]byte(nil), dk.Bytes()...)
	e.keys[epoch] = dk
	if err := e.save(); err != nil {
		return err
	}
	return e.firstSync(ctx)
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
