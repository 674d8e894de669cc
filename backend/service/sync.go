package service

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"vaultbar/backend/crypto"
	"vaultbar/backend/model"
	"vaultbar/backend/secrets"
	"vaultbar/backend/syncer"
	"vaultbar/backend/syncfolder"
)

// SyncService ties the sync engine to the vault's life: an engine is made
// when the vault unlocks (and syncs at once), told about every local edit
// (auto-sync), flushed and stopped before the vault locks, so the sync keys
// live in memory only while the vault is open. It keeps the cloud sync
// password in a secret store (the OS's, or the encrypted vault when there is
// none) so preferences can reveal it, and where this device syncs in the
// "sync" settings section.
//
// The cloud sync password is never written to disk in plaintext: it goes
// to the secret store, and into key files only as the key that wraps the
// sync data key.
type SyncService struct {
	vault      *VaultService
	store      secrets.Store
	kdf        *crypto.KDFParams
	quiet      time.Duration
	maxWait    time.Duration
	background bool

	// op serialises what replaces or stops the engine: attaching on unlock,
	// detaching before lock, Setup, the password operations and Off.
	op sync.Mutex

	// derive replaces the engine's key derivation in tests (nil: Argon2id).
	derive func(ctx context.Context, password, salt []byte, p crypto.KDFParams) (*crypto.Key, error)
	pwOps  passwordOps // the password operations running, which Lock cancels (sync_ops.go)

	mu     sync.Mutex
	eng    *syncer.Engine // nil while locked or not set up
	loc    SyncSettings   // where this device syncs, as last read
	engErr error          // why no engine could be made for loc
	unsub  func()         // the engine's status subscription
	note   string         // a warning about where the password is kept
	subs   map[int]func(syncer.Status)
	next   int

	closers []func()
}

// SyncSettings is the "sync" settings section: where this device syncs.
// The cloud sync password is never kept here.
type SyncSettings struct {
	Provider syncfolder.Provider `json:"provider"`
	Folder   string              `json:"folder,omitempty"` // for ProviderFolder, absolute
}

const syncSection = "sync"

// Configured reports whether the settings name a place to sync with.
func (c SyncSettings) Configured() bool {
	return c.Provider == syncfolder.ProviderICloud || c.Provider == syncfolder.ProviderFolder
}

// Account is the secret store's account for this location's cloud sync
// password: "icloud", or "folder:" and the folder's path.
func (c SyncSettings) Account() string {
	if c.Provider == syncfolder.ProviderFolder {
		return "folder:" + c.Folder
	}
	return string(c.Provider)
}

// Place names the location for a person: "iCloud", "the folder /path".
func (c SyncSettings) Place() string {
	switch c.Provider {
	case syncfolder.ProviderICloud:
		return "iCloud"
	case syncfolder.ProviderFolder:
		return "the folder " + c.Folder
	}
	return "nowhere"
}

// engineName is the provider as the engine's status sentences name it.
func (c SyncSettings) engineName() string {
	if c.Provider == syncfolder.ProviderICloud {
		return "iCloud"
	}
	return "the sync folder"
}

// SyncLocation checks a provider ("icloud", "folder", "none") and makes
// the folder absolute.
func SyncLocation(provider, folder string) (SyncSettings, error) {
	switch p := syncfolder.Provider(provider); p {
	case syncfolder.ProviderICloud:
		return SyncSettings{Provider: p}, nil
	case syncfolder.ProviderFolder:
		if folder == "" {
			return SyncSettings{}, fmt.Errorf("%q: %w", folder, syncfolder.ErrNoFolder)
		}
		abs, err := filepath.Abs(folder)
		if err != nil {
			return SyncSettings{}, fmt.Errorf("%q: %w", folder, syncfolder.ErrNoFolder)
		}
		return SyncSettings{Provider: p, Folder: abs}, nil
	case syncfolder.ProviderNone, "":
		return SyncSettings{Provider: syncfolder.ProviderNone}, nil
	}
	return SyncSettings{}, fmt.Errorf("%q is not a way to sync: choose icloud or folder: %w", provider, model.ErrInvalid)
}

// ErrSyncPasswordUnknown means this device has no copy of the cloud sync
// password to reveal (the secret store lost it).
var ErrSyncPasswordUnknown = errors.New("the cloud sync password is not kept on this device")

// StoreWarning is the status warning shown while the cloud sync password
// lives in the encrypted vault for want of a keyring.
const StoreWarning = "the cloud sync password is kept in the encrypted vault because no keyring is available"

// A SyncOption changes how NewSync sets up the service.
type SyncOption func(*SyncService)

// WithSecretStore keeps the cloud sync password in st instead of the
// platform's store with the encrypted vault as fallback.
func WithSecretStore(st secrets.Store) SyncOption { return func(s *SyncService) { s.store = st } }

// WithSyncTiming sets the auto-sync quiet period and cap (0: the engine's
// 2 s and 30 s).
func WithSyncTiming(quiet, maxWait time.Duration) SyncOption {
	return func(s *SyncService) { s.quiet, s.maxWait = quiet, maxWait }
}

// WithoutBackgroundSync makes engines that sync only when asked: no sync on
// unlock, no auto-sync, no folder watching. For one-shot CLI commands.
func WithoutBackgroundSync() SyncOption { return func(s *SyncService) { s.background = false } }

// syncTestKDF makes new key files cheap in the end-to-end test binary
// (sync_testkdf.go, build tag vaultbar_testkdf); nil in every other build.
var syncTestKDF *crypto.KDFParams

// NewSync returns the sync service of v. It follows v from now on: unlocking
// starts syncing with the configured location, locking stops it.
func NewSync(v *VaultService, opts ...SyncOption) *SyncService {
	s := &SyncService{vault: v, kdf: syncTestKDF, background: true}
	for _, o := range opts {
		o(s)
	}
	if s.store == nil {
		s.store = secrets.WithFallback(secrets.Default(), v)
	}
	s.loc, _ = s.Settings()
	s.closers = append(s.closers, v.Subscribe(s.vaultChanged), v.BeforeLock(s.beforeLock))
	if !v.Locked() {
		s.attach()
	}
	return s
}

// Close stops following the vault and stops the engine without flushing.
func (s *SyncService) Close() {
	for _, c := range s.closers {
		c()
	}
	s.closers = nil
	s.op.Lock()
	s.detach()
	s.op.Unlock()
}

// Settings reads where this device syncs.
func (s *SyncService) Settings() (SyncSettings, error) {
	st, err := s.vault.Settings()
	loc := SyncSettings{Provider: syncfolder.ProviderNone}
	if err != nil {
		return loc, err
	}
	if err := st.Section(syncSection, &loc); err != nil {
		return SyncSettings{Provider: syncfolder.ProviderNone}, err
	}
	return loc, nil
}

func (s *SyncService) saveSettings(loc SyncSettings) error {
	_, err := s.vault.UpdateSettings(func(st *Settings) error { return st.SetSection(syncSection, loc) })
	return err
}

// vaultChanged follows the vault: unlock attaches an engine, a restored
// backup replaces it (its sync state is the backup's), a local edit
// schedules an auto-sync. Locking was handled by beforeLock; the detach here
// covers a vault closed without Lock.
func (s *SyncService) vaultChanged(c Change) {
	switch {
	case c.Origin == FromLockState && !c.Locked, c.Origin == FromRestore:
		s.attach()
	case c.Origin == FromLockState && c.Locked:
		s.pwOps.cancel()
		defer s.pwOps.done()
		s.op.Lock()
		s.detach()
		s.op.Unlock()
		s.publish()
	case c.Origin == FromLocalEdit:
		if e := s.engine(); e != nil {
			e.Changed()
		}
	}
}

// beforeLockFlush bounds publishing the last edits when the vault locks.
const beforeLockFlush = 5 * time.Second

// beforeLock publishes the last edits while the vault can still be read,
// then stops the engine, which wipes the sync keys.
func (s *SyncService) beforeLock() {
	s.pwOps.cancel()
	defer s.pwOps.done()
	s.op.Lock()
	defer s.op.Unlock()
	e := s.engine()
	if e == nil {
		return
	}
	if !s.vault.Locked() {
		ctx, cancel := context.WithTimeout(context.Background(), beforeLockFlush)
		_ = e.Flush(ctx) // what is not published stays marked and goes at the next sync
		cancel()
	}
	s.detach()
	s.publish()
}

// attach makes the engine for the configured location and starts it.
func (s *SyncService) attach() {
	s.op.Lock()
	defer s.op.Unlock()
	s.detach()
	loc, err := s.Settings()
	if note, serr := s.vault.settingsReport(err); note != "" {
		loc, err = s.Settings() // settings.json was set aside; sync goes on and the status says why
		s.mu.Lock()
		s.note = note
		s.mu.Unlock()
	} else if serr != nil {
		err = serr
	}
	if err != nil || !loc.Configured() {
		s.setEngine(nil, loc, err)
		s.publish()
		return
	}
	e, err := s.newEngine(loc, false)
	if err == nil && s.background {
		if err = e.Start(); err != nil {
			e.Stop()
		}
	}
	if err != nil {
		s.setEngine(nil, loc, err)
	} else {
		s.setEngine(e, loc, nil)
	}
	s.publish()
	go s.probeStore()
}

// detach stops the engine. Callers hold op.
func (s *SyncService) detach() {
	s.mu.Lock()
	e, unsub := s.eng, s.unsub
	s.eng, s.unsub, s.engErr = nil, nil, nil
	s.mu.Unlock()
	if unsub != nil {
		unsub()
	}
	if e != nil {
		e.Stop()
	}
}

func (s *SyncService) setEngine(e *syncer.Engine, loc SyncSettings, err error) {
	var unsub func()
	if e != nil {
		unsub = e.Subscribe(func(syncer.Status) { s.publish() })
	}
	s.mu.Lock()
	s.eng, s.loc, s.engErr, s.unsub = e, loc, err, unsub
	s.mu.Unlock()
}

func (s *SyncService) engine() *syncer.Engine {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.eng
}

// newEngine makes an engine for loc. A fresh one starts from no sync state,
// so that a Setup that fails leaves the vault's sync state as it was.
func (s *SyncService) newEngine(loc SyncSettings, fresh bool) (*syncer.Engine, error) {
	root, err := syncfolder.Root(loc.Provider, loc.Folder)
	if err != nil {
		return nil, err
	}
	var r syncer.Replica = s.vault
	if fresh {
		r = freshReplica{s.vault}
	}
	return syncer.New(syncer.Config{
		Root: root, Provider: loc.engineName(), Replica: r,
		Quiet: s.quiet, MaxWait: s.maxWait, TestKDF: s.kdf, Derive: s.derive,
	})
}

// freshReplica is the vault with no sync state yet: the engine reads the
// state only when it is made, and writes it once a password is accepted.
type freshReplica struct{ *VaultService }

func (freshReplica) SyncState() []byte { return nil }

// ready returns the running engine, or why there is none.
func (s *SyncService) ready() (*syncer.Engine, error) {
	if s.vault.Locked() {
		return nil, ErrVaultLocked
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.eng != nil:
		return s.eng, nil
	case s.engErr != nil:
		return nil, s.engErr
	}
	return nil, syncer.ErrNotSetUp
}

// Probe says whether another device already set up sync at a location, so
// the person is asked for a new cloud sync password or the existing one.
func (s *SyncService) Probe(provider, folder string) (existing bool, err error) {
	loc, err := SyncLocation(provider, folder)
	if err != nil {
		return false, err
	}
	if !loc.Configured() {
		return false, fmt.Errorf("%q is not a way to sync: choose icloud or folder: %w", provider, model.ErrInvalid)
	}
	root, err := syncfolder.Root(loc.Provider, loc.Folder)
	if err != nil {
		return false, err
	}
	return syncer.Probe(root)
}

// Setup turns sync on at a location with the cloud sync password: a new
// one if no device has set up the location yet (existing = false), else the
// existing one, checked before anything is written; a wrong one gives
// syncer.ErrWrongSyncPassword and leaves everything as it was. Then the
// location is saved, the password kept in the secret store, and auto-sync is
// on (unless it was switched off for this location before).
func (s *SyncService) Setup(ctx context.Context, provider, folder, password string) (existing bool, err error) {
	loc, err := SyncLocation(provider, folder)
	if err != nil {
		return false, err
	}
	if !loc.Configured() {
		return false, fmt.Errorf("%q is not a way to sync: choose icloud or folder: %w", provider, model.ErrInvalid)
	}
	if password == "" {
		return false, ErrEmptyPassword
	}
	if s.vault.Locked() {
		return false, ErrVaultLocked
	}
	opCtx, done, err := s.pwOps.start(ctx)
	if err != nil {
		return false, err
	}
	defer done()
	s.op.Lock()
	defer s.op.Unlock()
	old, err := s.Settings()
	if err != nil {
		return false, err
	}
	e := s.engine()
	reuse := e != nil && old == loc
	if !reuse {
		// The old engine must not save its state while the new one does.
		s.detach()
		if e, err = s.newEngine(loc, true); err != nil {
			s.reattach(old)
			return false, err
		}
	}
	existing, err = e.Setup(opCtx, password)
	if err != nil {
		err = lockedInstead(ctx, opCtx, err)
		if !reuse {
			e.Stop()
			s.reattach(old)
		}
		return existing, err
	}
	if err := s.saveSettings(loc); err != nil {
		return existing, err
	}
	if old.Configured() && old != loc {
		_ = s.store.Delete(old.Account()) // a password for a place no longer used
	}
	s.keepPassword(loc, password)
	if !reuse {
		if s.background {
			if err := e.Start(); err != nil {
				e.Stop()
				s.setEngine(nil, loc, err)
				s.publish()
				return existing, err
			}
		}
		s.setEngine(e, loc, nil)
	}
	s.publish()
	return existing, nil
}

// reattach restarts syncing with the old location after a Setup elsewhere
// failed. Callers hold op.
func (s *SyncService) reattach(old SyncSettings) {
	if !old.Configured() {
		s.setEngine(nil, old, nil)
		return
	}
	e, err := s.newEngine(old, false)
	if err == nil && s.background {
		if err = e.Start(); err != nil {
			e.Stop()
		}
	}
	if err != nil {
		s.setEngine(nil, old, err)
		return
	}
	s.setEngine(e, old, nil)
}

// keepPassword stores the cloud sync password for preferences to reveal.
// Failing to is not failing to sync, so it becomes a status warning.
func (s *SyncService) keepPassword(loc SyncSettings, password string) {
	err := s.store.Set(loc.Account(), []byte(password))
	note := ""
	if err != nil {
		note = fmt.Sprintf("the cloud sync password could not be kept in %s (%v), so it can't be revealed here", s.store.Name(), err)
	} else if s.inVault() {
		note = StoreWarning
	}
	s.mu.Lock()
	s.note = note
	s.mu.Unlock()
}

func (s *SyncService) inVault() bool { return s.store.Name() == (secrets.VaultStore{}).Name() }

// probeStore learns where the password is kept, for the status warning.
// It may wait for a slow bus, so attach runs it on its own goroutine.
func (s *SyncService) probeStore() {
	if p, ok := s.store.(interface{ Probe() error }); ok {
		_ = p.Probe()
	}
	note := ""
	if s.inVault() {
		note = StoreWarning
	}
	s.mu.Lock()
	changed := s.note != note && (s.note == "" || s.note == StoreWarning)
	if changed {
		s.note = note
	}
	s.mu.Unlock()
	if changed {
		s.publish()
	}
}

// PasswordStore names where the cloud sync password is kept: "macOS
// Keychain", "Secret Service (gnome-keyring)", "the encrypted vault".
func (s *SyncService) PasswordStore() string {
	if l, ok := s.store.(interface{ Where(account string) string }); ok {
		return l.Where(s.Location().Account())
	}
	return s.store.Name()
}

// EnterPassword takes the cloud sync password another device changed, syncs
// under it (edits made here meanwhile go out too) and keeps it.
func (s *SyncService) EnterPassword(ctx context.Context, password string) error {
	return s.passwordOp(ctx, password, func(ctx context.Context, e *syncer.Engine) error { return e.EnterPassword(ctx, password) })
}

// ChangePassword sets a new cloud sync password for every device and keeps
// it. The other devices ask for it at their next sync.
func (s *SyncService) ChangePassword(ctx context.Context, password string) error {
	return s.passwordOp(ctx, password, func(ctx context.Context, e *syncer.Engine) error { return e.ChangePassword(ctx, password) })
}

// passwordOp runs a password operation on the engine. Its key derivation
// may take seconds; locking the vault cancels it instead of waiting.
func (s *SyncService) passwordOp(ctx context.Context, password string, op func(context.Context, *syncer.Engine) error) error {
	if password == "" {
		return ErrEmptyPassword
	}
	opCtx, done, err := s.pwOps.start(ctx)
	if err != nil {
		return err
	}
	defer done()
	s.op.Lock()
	defer s.op.Unlock()
	e, err := s.ready()
	if err != nil {
		return err
	}
	if err := op(opCtx, e); err != nil {
		return lockedInstead(ctx, opCtx, err)
	}
	s.mu.Lock()
	loc := s.loc
	s.mu.Unlock()
	s.keepPassword(loc, password)
	s.publish()
	return nil
}

// RevealPassword returns the cloud sync password, only while the vault is
// unlocked: "click to show" must not work on a locked Vaultbar.
func (s *SyncService) RevealPassword() (string, error) {
	if s.vault.Locked() {
		return "", ErrVaultLocked
	}
	loc, err := s.Settings()
	if err != nil {
		return "", err
	}
	if !loc.Configured() {
		return "", syncer.ErrNotSetUp
	}
	b, err := s.store.Get(loc.Account())
	if errors.Is(err, secrets.ErrNotFound) {
		return "", ErrSyncPasswordUnknown
	}
	if err != nil {
		return "", fmt.Errorf("read the cloud sync password from %s: %w", s.store.Name(), err)
	}
	return string(b), nil
}

// SetAuto switches auto-sync on or off; the choice is kept in the vault.
func (s *SyncService) SetAuto(on bool) error {
	e, err := s.ready()
	if err != nil {
		return err
	}
	return e.SetAuto(on)
}

// SyncNow reads the other devices' changes and publishes this device's.
func (s *SyncService) SyncNow(ctx context.Context) error {
	e, err := s.ready()
	if err != nil {
		return err
	}
	return e.SyncNow(ctx)
}

// Flush publishes edits not yet synced, for quitting; it gives up when ctx
// ends. With sync off or the vault locked there is nothing to do.
func (s *SyncService) Flush(ctx context.Context) error {
	e := s.engine()
	if e == nil || s.vault.Locked() {
		return nil
	}
	if err := e.Flush(ctx); err != nil && !errors.Is(err, syncer.ErrNotSetUp) {
		return err
	}
	return nil
}

// Off stops syncing on this device: the engine's state leaves the vault,
// the location leaves the settings and the password leaves the secret
// store. The sync folder stays as it is for the other devices.
func (s *SyncService) Off() error {
	if s.vault.Locked() {
		return ErrVaultLocked
	}
	s.op.Lock()
	defer s.op.Unlock()
	loc, err := s.Settings()
	if err != nil {
		return err
	}
	e := s.engine()
	s.detach()
	if e != nil {
		err = e.Forget()
	} else {
		err = s.vault.SaveSyncState(nil)
	}
	if err != nil {
		return err
	}
	none := SyncSettings{Provider: syncfolder.ProviderNone}
	if err := s.saveSettings(none); err != nil {
		return err
	}
	if loc.Configured() {
		if err := s.store.Delete(loc.Account()); err != nil {
			return fmt.Errorf("remove the cloud sync password from %s: %w", s.store.Name(), err)
		}
	}
	s.mu.Lock()
	s.loc, s.note = none, ""
	s.mu.Unlock()
	s.publish()
	return nil
}

// Location is where this device syncs, as last read.
func (s *SyncService) Location() SyncSettings {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.loc
}

// Status is the sync status: the engine's while the vault is unlocked,
// else what is known without it, with a warning when the cloud sync password
// is kept in the vault.
func (s *SyncService) Status() syncer.Status {
	s.mu.Lock()
	e, loc, engErr, note := s.eng, s.loc, s.engErr, s.note
	s.mu.Unlock()
	var st syncer.Status
	switch {
	case e != nil:
		st = e.Status()
	case engErr != nil:
		msg, hint := Explain(engErr)
		if hint != "" {
			msg = sentence(msg) + " " + sentence(hint)
		}
		st = syncer.Status{State: syncer.StateError, Reason: syncer.ReasonFolder, Provider: loc.engineName(), Message: sentence(msg)}
	case !loc.Configured():
		st = syncer.Status{State: syncer.StateOff, Reason: syncer.ReasonSetup, Message: "Sync is off."}
	default:
		st = syncer.Status{State: syncer.StateIdle, Provider: loc.engineName(),
			Message: "Vaultbar syncs with " + loc.Place() + " while the vault is unlocked."}
	}
	if note != "" && loc.Configured() {
		st.Warnings = append(slices.Clone(st.Warnings), note)
	}
	return st
}

// Subscribe calls fn with the status after every change until the returned
// function is called. fn must not block for long.
func (s *SyncService) Subscribe(fn func(syncer.Status)) (unsubscribe func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.subs == nil {
		s.subs = map[int]func(syncer.Status){}
	}
	id := s.next
	s.next++
	s.subs[id] = fn
	return func() {
		s.mu.Lock()
		delete(s.subs, id)
		s.mu.Unlock()
	}
}

func (s *SyncService) publish() {
	st := s.Status()
	s.mu.Lock()
	fns := make([]func(syncer.Status), 0, len(s.subs))
	for _, fn := range s.subs {
		fns = append(fns, fn)
	}
	s.mu.Unlock()
	for _, fn := range fns {
		fn(st)
	}
}

// sentence capitalises s and ends it with a full stop.
func sentence(s string) string {
	if s == "" {
		return s
	}
	if c := s[0]; c >= 'a' && c <= 'z' {
		s = string(c-'a'+'A') + s[1:]
	}
	if last := s[len(s)-1]; last != '.' && last != '!' && last != '?' {
		s += "."
	}
	return s
}
