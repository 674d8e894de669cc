package service

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"vaultbar/internal/disktest"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
	"vaultbar/backend/model"
	"vaultbar/backend/platform"
	"vaultbar/backend/secrets"
	"vaultbar/backend/syncer"
	"vaultbar/backend/syncfolder"
)

// The sync service over real vaults in temp homes, a real engine and a real
// sync folder; only the secret store is in memory unless the test is about
// the keyring.

const (
	syncPW  = "cloud sync passphrase one"
	syncPW2 = "cloud sync passphrase two"
)

// memStore is a secret store that always answers.
type memStore struct {
	mu sync.Mutex
	m  map[string]string
}

func newMemStore() *memStore { return &memStore{m: map[string]string{}} }

func (s *memStore) Set(a string, b []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[a] = string(b)
	return nil
}

func (s *memStore) Get(a string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[a]
	if !ok {
		return nil, fmt.Errorf("%s: %w", a, secrets.ErrNotFound)
	}
	return []byte(v), nil
}

func (s *memStore) Delete(a string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, a)
	return nil
}

func (s *memStore) Name() string { return "test memory" }

func (s *memStore) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}

// downStore is a secret store that never answers, as on a machine without
// a keyring.
type downStore struct{}

func (downStore) Set(string, []byte) error       { return secrets.ErrUnavailable }
func (downStore) Get(string) ([]byte, error)     { return nil, secrets.ErrUnavailable }
func (downStore) Delete(string) error            { return secrets.ErrUnavailable }
func (downStore) Name() string                   { return "no keyring" }
func (downStore) Probe() error                   { return fmt.Errorf("no bus: %w", secrets.ErrUnavailable) }
func withSyncKDF(k *crypto.KDFParams) SyncOption { return func(s *SyncService) { s.kdf = k } }

type device struct {
	v     *VaultService
	s     *SyncService
	store secrets.Store
}

// newDevice is an unlocked vault in its own home with its sync service.
// The store, if nil, is a memStore; opts come after the test defaults.
func newDevice(t *testing.T, store func(v *VaultService) secrets.Store, opts ...SyncOption) *device {
	t.Helper()
	v := created(t)
	d := &device{v: v}
	if store == nil {
		d.store = newMemStore()
	} else {
		d.store = store(v)
	}
	all := append([]SyncOption{WithSecretStore(d.store), withSyncKDF(lightKDF), WithoutBackgroundSync()}, opts...)
	d.s = NewSync(v, all...)
	t.Cleanup(d.s.Close)
	return d
}

func (d *device) setup(t *testing.T, dir, pw string) (existing bool) {
	t.Helper()
	existing, err := d.s.Setup(context.Background(), "folder", dir, pw)
	if err != nil {
		t.Fatalf("Setup: %v", err)
	}
	return existing
}

func (d *device) syncNow(t *testing.T) {
	t.Helper()
	if err := d.s.SyncNow(context.Background()); err != nil {
		t.Fatalf("SyncNow: %v", err)
	}
}

func (d *device) has(name string) bool {
	_, err := d.v.Find(name)
	return err == nil
}

func TestSyncSetupNewThenExisting(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, nil), newDevice(t, nil)
	if st := a.s.Status(); st.State != syncer.StateOff {
		t.Fatalf("status before setup = %+v, want off", st)
	}
	if ex, err := a.s.Probe("folder", dir); err != nil || ex {
		t.Fatalf("Probe of an empty folder = %v, %v", ex, err)
	}
	if a.setup(t, dir, syncPW) {
		t.Fatal("the first device found existing sync data")
	}
	if st := a.s.Status(); !st.Auto || st.State != syncer.StateIdle {
		t.Fatalf("status after setup = %+v, want idle with auto-sync on", st)
	}
	if loc, _ := a.s.Settings(); loc.Provider != syncfolder.ProviderFolder || loc.Folder != dir {
		t.Fatalf("settings after setup = %+v", loc)
	}
	if ex, err := b.s.Probe("folder", dir); err != nil || !ex {
		t.Fatalf("Probe after the first setup = %v, %v, want existing", ex, err)
	}

	before := disktest.Snapshot(t, dir)
	_, err := b.s.Setup(context.Background(), "folder", dir, "not the password")
	if !errors.Is(err, syncer.ErrWrongSyncPassword) {
		t.Fatalf("Setup with a wrong password = %v", err)
	}
	if m, _ := Explain(err); !strings.Contains(m, "cloud sync password is not the one") {
		t.Fatalf("Explain(wrong sync password) = %q", m)
	}
	if d := disktest.Diff(before, disktest.Snapshot(t, dir)); d != "" {
		t.Fatalf("a wrong password wrote to the sync folder:\n%s", d)
	}
	if loc, _ := b.s.Settings(); loc.Configured() {
		t.Fatalf("a wrong password changed the settings: %+v", loc)
	}
	if b.store.(*memStore).len() != 0 || len(b.v.SyncState()) != 0 {
		t.Fatal("a wrong password was kept")
	}

	if !b.setup(t, dir, syncPW) {
		t.Fatal("the second device did not find the existing sync data")
	}
	addLogin(t, a.v, "From A", "ann")
	addLogin(t, b.v, "From B", "bob")
	a.syncNow(t)
	b.syncNow(t)
	a.syncNow(t)
	if !a.has("From B") || !b.has("From A") {
		t.Fatalf("after syncing: A has B's record %v, B has A's %v", a.has("From B"), b.has("From A"))
	}
	if pw, err := b.s.RevealPassword(); err != nil || pw != syncPW {
		t.Fatalf("RevealPassword = %q, %v", pw, err)
	}
}

func addLoginTo(t *testing.T, d *device, name string) { t.Helper(); addLogin(t, d.v, name, "u") }

func TestSyncPasswordChangedOnAnotherDevice(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, nil), newDevice(t, nil)
	a.setup(t, dir, syncPW)
	b.setup(t, dir, syncPW)

	if err := a.s.ChangePassword(context.Background(), syncPW2); err != nil {
		t.Fatalf("ChangePassword: %v", err)
	}
	if pw, _ := a.s.RevealPassword(); pw != syncPW2 {
		t.Fatalf("A keeps %q after the change", pw)
	}
	addLoginTo(t, b, "Meanwhile on B")
	err := b.s.SyncNow(context.Background())
	if !errors.Is(err, syncer.ErrNeedsPassword) {
		t.Fatalf("B's sync after the change = %v, want ErrNeedsPassword", err)
	}
	if st := b.s.Status(); st.State != syncer.StateNeedsPassword || st.Reason != syncer.ReasonPasswordChanged {
		t.Fatalf("B's status = %+v", st)
	}
	if m, h := Explain(err); !strings.Contains(m, "changed on another device") || !strings.Contains(h, "sync password enter") {
		t.Fatalf("Explain(needs password) = %q, %q", m, h)
	}
	if err := b.s.EnterPassword(context.Background(), syncPW); !errors.Is(err, syncer.ErrWrongSyncPassword) {
		t.Fatalf("EnterPassword(old) = %v, want ErrWrongSyncPassword", err)
	}
	if err := b.s.EnterPassword(context.Background(), syncPW2); err != nil {
		t.Fatalf("EnterPassword(new): %v", err)
	}
	if pw, _ := b.s.RevealPassword(); pw != syncPW2 {
		t.Fatalf("B keeps %q after entering the new one", pw)
	}
	a.syncNow(t)
	if !a.has("Meanwhile on B") {
		t.Fatal("B's edit made before it had the new password did not reach A")
	}
}

func TestSyncRevealOnlyWhileUnlockedAndLockStopsEngine(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, nil), newDevice(t, nil)
	a.setup(t, dir, syncPW)
	b.setup(t, dir, syncPW)

	// An edit not yet synced is published as the vault locks.
	addLoginTo(t, a, "Just before locking")
	a.v.Lock()
	if a.s.engine() != nil {
		t.Fatal("the engine still runs after Lock")
	}
	if _, err := a.s.RevealPassword(); !errors.Is(err, ErrVaultLocked) {
		t.Fatalf("RevealPassword while locked = %v", err)
	}
	if err := a.s.SyncNow(context.Background()); !errors.Is(err, ErrVaultLocked) {
		t.Fatalf("SyncNow while locked = %v", err)
	}
	if st := a.s.Status(); st.State != syncer.StateIdle || !strings.Contains(st.Message, "unlocked") {
		t.Fatalf("status while locked = %+v", st)
	}
	b.syncNow(t)
	if !b.has("Just before locking") {
		t.Fatal("the edit made just before locking was not published")
	}

	if err := a.v.Unlock(pw); err != nil {
		t.Fatal(err)
	}
	if a.s.engine() == nil {
		t.Fatal("no engine after unlocking")
	}
	if got, err := a.s.RevealPassword(); err != nil || got != syncPW {
		t.Fatalf("RevealPassword after unlock = %q, %v", got, err)
	}
	a.syncNow(t)
}

func TestSyncOffRemovesThePassword(t *testing.T) {
	dir := t.TempDir()
	a := newDevice(t, nil)
	a.setup(t, dir, syncPW)
	if err := a.s.Off(); err != nil {
		t.Fatalf("Off: %v", err)
	}
	if a.store.(*memStore).len() != 0 {
		t.Fatal("the password is still in the secret store after Off")
	}
	if loc, _ := a.s.Settings(); loc.Configured() {
		t.Fatalf("settings after Off = %+v", loc)
	}
	if len(a.v.SyncState()) != 0 {
		t.Fatal("the sync state is still in the vault after Off")
	}
	if st := a.s.Status(); st.State != syncer.StateOff {
		t.Fatalf("status after Off = %+v", st)
	}
	if err := a.s.SyncNow(context.Background()); !errors.Is(err, syncer.ErrNotSetUp) {
		t.Fatalf("SyncNow after Off = %v", err)
	}
	if _, err := a.s.RevealPassword(); !errors.Is(err, syncer.ErrNotSetUp) {
		t.Fatalf("RevealPassword after Off = %v", err)
	}
	// The folder stays for other devices: setting up again finds it.
	if !a.setup(t, dir, syncPW) {
		t.Fatal("the sync data went away with Off")
	}
}

func TestSyncAutoAfterAnEdit(t *testing.T) {
	dir := t.TempDir()
	fast := []SyncOption{WithSyncTiming(50*time.Millisecond, 500*time.Millisecond), func(s *SyncService) { s.background = true }}
	a, b := newDevice(t, nil, fast...), newDevice(t, nil, fast...)
	a.setup(t, dir, syncPW)
	b.setup(t, dir, syncPW)
	var mu sync.Mutex
	var states []syncer.State
	defer b.s.Subscribe(func(st syncer.Status) { mu.Lock(); states = append(states, st.State); mu.Unlock() })()

	// A publishes after the quiet period; B notices the folder change.
	addLoginTo(t, a, "Auto")
	deadline := time.Now().Add(20 * time.Second)
	for !b.has("Auto") {
		if time.Now().After(deadline) {
			t.Fatalf("the edit on A did not reach B by itself; A: %+v, B: %+v", a.s.Status(), b.s.Status())
		}
		time.Sleep(50 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(states) == 0 {
		t.Fatal("B's subscribers heard of no status")
	}

	// Auto-sync off: the edit waits for a manual sync.
	if err := a.s.SetAuto(false); err != nil {
		t.Fatal(err)
	}
	if a.s.Status().Auto {
		t.Fatal("auto-sync still on")
	}
}

func TestSyncPasswordInVaultWithoutKeyring(t *testing.T) {
	dir := t.TempDir()
	a := newDevice(t, func(v *VaultService) secrets.Store { return secrets.WithFallback(downStore{}, v) })
	a.setup(t, dir, syncPW)
	st := a.s.Status()
	if len(st.Warnings) == 0 || st.Warnings[len(st.Warnings)-1] != StoreWarning {
		t.Fatalf("status warnings = %q, want %q", st.Warnings, StoreWarning)
	}
	if a.s.PasswordStore() != "the encrypted vault" {
		t.Fatalf("PasswordStore = %q", a.s.PasswordStore())
	}
	a.v.Lock()
	if err := a.v.Unlock(pw); err != nil {
		t.Fatal(err)
	}
	if got, err := a.s.RevealPassword(); err != nil || got != syncPW {
		t.Fatalf("RevealPassword from the vault after unlocking again = %q, %v", got, err)
	}
	// Nothing on disk holds it in plaintext.
	filepath.WalkDir(a.v.Home(), func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), syncPW) {
				t.Errorf("%s holds the cloud sync password in plaintext", p)
			}
		}
		return nil
	})
	if err := a.s.Off(); err != nil {
		t.Fatal(err)
	}
	if _, err := a.s.store.Get(SyncSettings{Provider: syncfolder.ProviderFolder, Folder: dir}.Account()); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatalf("the password is still in the vault after Off: %v", err)
	}
}

func TestSyncPasswordInSecretService(t *testing.T) {
	if os.Getenv("VAULTBAR_TEST_SECRET_SERVICE") != "1" {
		t.Skip("VAULTBAR_TEST_SECRET_SERVICE is not 1; run under scripts/with-keyring.sh")
	}
	dir := t.TempDir()
	a := newDevice(t, func(v *VaultService) secrets.Store { return secrets.WithFallback(secrets.NewSecretService(), v) })
	a.setup(t, dir, syncPW)
	account := "folder:" + dir
	if st := a.s.Status(); len(st.Warnings) != 0 {
		t.Fatalf("warnings with a keyring: %q", st.Warnings)
	}
	if n := a.s.PasswordStore(); !strings.Contains(n, "Secret Service") {
		t.Fatalf("PasswordStore = %q", n)
	}
	got, err := secrets.NewSecretService().Get(account)
	if err != nil || string(got) != syncPW {
		t.Fatalf("the keyring has %q, %v", got, err)
	}
	if _, ok := a.v.GetSecret(account); ok {
		t.Fatal("the password is in the vault too")
	}
	if err := a.s.Off(); err != nil {
		t.Fatal(err)
	}
	if _, err := secrets.NewSecretService().Get(account); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatalf("the keyring still has it after Off: %v", err)
	}
}

func TestSyncRefusesANewerFormat(t *testing.T) {
	dir := t.TempDir()
	a, c := newDevice(t, nil), newDevice(t, nil)
	a.setup(t, dir, syncPW)
	keys := filepath.Join(dir, syncfolder.DirName, syncfolder.KeysDir)
	ents, _ := os.ReadDir(keys)
	data, err := os.ReadFile(filepath.Join(keys, ents[0].Name()))
	if err != nil {
		t.Fatal(err)
	}
	binary.BigEndian.PutUint16(data[len(format.SyncKeyMagic):], format.SyncKeyVersion+1)
	if err := os.WriteFile(filepath.Join(keys, "9-zzzz.vbk"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	before := disktest.Snapshot(t, dir)
	_, err = c.s.Setup(context.Background(), "folder", dir, syncPW)
	if !errors.Is(err, syncer.ErrNewerFormat) {
		t.Fatalf("Setup over a newer format = %v", err)
	}
	if m, h := Explain(err); !strings.Contains(m, "newer version") || !strings.Contains(h, "update Vaultbar") {
		t.Fatalf("Explain(newer format) = %q, %q", m, h)
	}
	if d := disktest.Diff(before, disktest.Snapshot(t, dir)); d != "" {
		t.Fatalf("wrote to the sync folder after seeing a newer format:\n%s", d)
	}
	if loc, _ := c.s.Settings(); loc.Configured() {
		t.Fatalf("settings changed: %+v", loc)
	}
}

func TestSyncICloudUnavailableAndBadLocations(t *testing.T) {
	t.Setenv(platform.ICloudDirEnv, filepath.Join(t.TempDir(), "no iCloud here"))
	a := newDevice(t, nil)
	_, err := a.s.Probe("icloud", "")
	if !errors.Is(err, platform.ErrNoICloud) {
		t.Fatalf("Probe(icloud) without iCloud = %v", err)
	}
	if m, _ := Explain(err); m != "iCloud Drive is not available on this computer" {
		t.Fatalf("Explain = %q", m)
	}
	if _, err := a.s.Setup(context.Background(), "folder", filepath.Join(t.TempDir(), "missing"), syncPW); !errors.Is(err, syncfolder.ErrNoFolder) {
		t.Fatalf("Setup with a missing folder = %v", err)
	}
	if _, err := a.s.Probe("dropbox", ""); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("Probe(dropbox) = %v", err)
	}
	icloud := t.TempDir()
	t.Setenv(platform.ICloudDirEnv, icloud)
	if a.setup2(t, "icloud", syncPW); a.store.(*memStore).len() != 1 {
		t.Fatal("no password kept for iCloud")
	}
	if _, err := a.store.Get("icloud"); err != nil {
		t.Fatalf("the iCloud password's account: %v", err)
	}
	if _, err := os.Stat(filepath.Join(icloud, syncfolder.DirName, syncfolder.KeysDir)); err != nil {
		t.Fatalf("no key file in iCloud Drive: %v", err)
	}
}

func (d *device) setup2(t *testing.T, provider, pw string) {
	t.Helper()
	if _, err := d.s.Setup(context.Background(), provider, "", pw); err != nil {
		t.Fatalf("Setup(%s): %v", provider, err)
	}
}
