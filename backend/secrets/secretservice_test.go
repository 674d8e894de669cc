package secrets

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The Secret Service tests talk to a real keyring daemon; there is no mock.
// `make test` runs them inside dbus-run-session with an unlocked
// gnome-keyring and sets VAULTBAR_TEST_SECRET_SERVICE=1; with the variable
// set, a missing keyring fails the tests instead of skipping them.
const gateVar = "VAULTBAR_TEST_SECRET_SERVICE"

func liveSecretService(t *testing.T) *SecretService {
	t.Helper()
	if os.Getenv(gateVar) != "1" {
		t.Skip(gateVar + " is not 1; run `make test`, which starts a session bus and gnome-keyring")
	}
	s := NewSecretService()
	if err := s.Probe(); err != nil {
		t.Fatalf("%s=1 but no usable Secret Service: %v\n"+
			"hint: run inside `dbus-run-session` after `printf 'pw' | gnome-keyring-daemon --unlock --components=secrets`"+
			" (the password must not be empty, or no login keyring is created)", gateVar, err)
	}
	return s
}

// testPrefix keeps one run's accounts apart from other runs and from real items.
func testPrefix(t *testing.T) string {
	b := make([]byte, 4)
	rand.Read(b)
	return "vaultbar-test-" + hex.EncodeToString(b) + "-"
}

func TestSecretService(t *testing.T) {
	s := liveSecretService(t)
	testStore(t, s, testPrefix(t))
	if !strings.HasPrefix(s.Name(), "Secret Service") {
		t.Errorf("Name() = %q", s.Name())
	}
	t.Logf("store: %s", s.Name())
}

// TestSecretServiceInterop checks against libsecret's secret-tool that the
// items really are in the keyring, under the attributes we document.
func TestSecretServiceInterop(t *testing.T) {
	s := liveSecretService(t)
	if _, err := exec.LookPath("secret-tool"); err != nil {
		t.Fatalf("secret-tool not found (apt package libsecret-tools): %v", err)
	}
	account := testPrefix(t) + "interop"
	t.Cleanup(func() { s.Delete(account) })

	mustSet(t, s, account, "stored by vaultbar")
	out, err := exec.Command("secret-tool", "lookup", "service", Service, "account", account).Output()
	if err != nil || string(out) != "stored by vaultbar" {
		t.Fatalf("secret-tool lookup = %q, %v", out, err)
	}

	store := exec.Command("secret-tool", "store", "--label=by secret-tool", "service", Service, "account", account)
	store.Stdin = strings.NewReader("stored by secret-tool")
	if out, err := store.CombinedOutput(); err != nil {
		t.Fatalf("secret-tool store: %v: %s", err, out)
	}
	mustGet(t, s, account, "stored by secret-tool")

	if err := s.Delete(account); err != nil {
		t.Fatal(err)
	}
	if out, _ := exec.Command("secret-tool", "lookup", "service", Service, "account", account).Output(); len(out) != 0 {
		t.Fatalf("secret-tool still finds %q after Delete", out)
	}
}

// TestSecretServiceManySessions opens many encrypted sessions: a shared
// secret with leading zero bytes (about one in 256) must still derive the
// service's key.
func TestSecretServiceManySessions(t *testing.T) {
	s := liveSecretService(t)
	account := testPrefix(t) + "sessions"
	t.Cleanup(func() { s.Delete(account) })
	mustSet(t, s, account, "same every time")
	for i := range 300 {
		got, err := s.Get(account)
		if err != nil || string(got) != "same every time" {
			t.Fatalf("session %d: Get = %q, %v", i, got, err)
		}
	}
}

// assertUnavailable checks that every operation fails fast with ErrUnavailable.
func assertUnavailable(t *testing.T, s Store) {
	t.Helper()
	start := time.Now()
	if _, err := s.Get("icloud"); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Get = %v, want ErrUnavailable", err)
	}
	if err := s.Set("icloud", []byte("pw")); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Set = %v, want ErrUnavailable", err)
	} else {
		t.Logf("Set: %v", err)
	}
	if err := s.Delete("icloud"); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Delete = %v, want ErrUnavailable", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("three calls took %s; an unavailable store must answer quickly", d)
	}
}

func TestSecretServiceNoBus(t *testing.T) {
	missing := "unix:path=" + filepath.Join(t.TempDir(), "no-such-bus")
	t.Run("address", func(t *testing.T) {
		assertUnavailable(t, &SecretService{Address: missing, Timeout: time.Second, PromptTimeout: time.Second})
	})
	t.Run("environment", func(t *testing.T) {
		t.Setenv("DBUS_SESSION_BUS_ADDRESS", missing)
		assertUnavailable(t, NewSecretService())
	})
	t.Run("no bus at all", func(t *testing.T) {
		t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
		t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
		assertUnavailable(t, NewSecretService())
	})
}

func TestFallbackWithoutKeyring(t *testing.T) {
	bag := memBag{}
	f := WithFallback(&SecretService{
		Address: "unix:path=" + filepath.Join(t.TempDir(), "no-such-bus"),
		Timeout: time.Second, PromptTimeout: time.Second,
	}, bag)

	if err := f.Probe(); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Probe = %v, want ErrUnavailable", err)
	}
	if f.Name() != "the encrypted vault" {
		t.Errorf("Name() = %q after a failed probe", f.Name())
	}
	testStore(t, f, "")
	mustSet(t, f, "icloud", "kept in the vault")
	if bag[bagKey("icloud")] != "kept in the vault" {
		t.Fatalf("bag = %v, want the secret under %q", bag, bagKey("icloud"))
	}
	// A new process (a fresh Fallback, no Get or Set yet) still says where
	// the password is, as `vaultbar sync status` must.
	fresh := WithFallback(&SecretService{Address: "unix:path=" + filepath.Join(t.TempDir(), "no-such-bus")}, bag)
	if w := fresh.Where("icloud"); w != "the encrypted vault" {
		t.Errorf("Where = %q, want the encrypted vault", w)
	}
	if err := f.Delete("icloud"); err != nil || len(bag) != 0 {
		t.Fatalf("Delete = %v, bag = %v", err, bag)
	}
}

func TestFallbackWithKeyring(t *testing.T) {
	s := liveSecretService(t)
	bag := memBag{}
	f := WithFallback(s, bag)
	if err := f.Probe(); err != nil {
		t.Fatalf("Probe = %v", err)
	}
	if !strings.HasPrefix(f.Name(), "Secret Service") {
		t.Errorf("Name() = %q", f.Name())
	}
	prefix := testPrefix(t)
	testStore(t, f, prefix)

	// A secret kept in the vault while the keyring was away is still
	// found, and moves to the keyring on the next Set.
	account := prefix + "moved"
	t.Cleanup(func() { s.Delete(account) })
	VaultStore{Bag: bag}.Set(account, []byte("from the vault"))
	if w := WithFallback(s, bag).Where(account); w != "the encrypted vault" {
		t.Errorf("Where = %q while the secret is in the vault", w)
	}
	mustGet(t, f, account, "from the vault")
	mustSet(t, f, account, "into the keyring")
	mustGet(t, s, account, "into the keyring")
	if w := WithFallback(s, bag).Where(account); !strings.HasPrefix(w, "Secret Service") {
		t.Errorf("Where = %q after the secret moved to the keyring", w)
	}
	if len(bag) != 0 {
		t.Errorf("bag still holds %v after the secret moved to the keyring", bag)
	}
}

// TestSecretServiceNotOnBus runs a private session bus that nothing serves
// org.freedesktop.secrets on and cannot start it: a headless machine with
// D-Bus but no keyring.
func TestSecretServiceNotOnBus(t *testing.T) {
	liveSecretService(t) // the same environment: dbus-daemon is installed
	dir := t.TempDir()
	sock := filepath.Join(dir, "bus")
	config := filepath.Join(dir, "bus.conf")
	os.WriteFile(config, []byte(`<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:path=`+sock+`</listen>
<policy context="default"><allow send_destination="*"/><allow receive_sender="*"/><allow own="*"/></policy></busconfig>`), 0o600)
	daemon := exec.Command("dbus-daemon", "--nofork", "--nopidfile", "--config-file="+config)
	if err := daemon.Start(); err != nil {
		t.Fatalf("dbus-daemon: %v", err)
	}
	t.Cleanup(func() { daemon.Process.Kill(); daemon.Wait() })
	for i := 0; !fileExists(sock); i++ {
		if i == 100 {
			t.Fatal("private bus did not start")
		}
		time.Sleep(20 * time.Millisecond)
	}
	s := &SecretService{Address: "unix:path=" + sock, Timeout: time.Second, PromptTimeout: time.Second}
	assertUnavailable(t, s)
	if err := WithFallback(s, memBag{}).Probe(); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Probe = %v, want ErrUnavailable", err)
	}
}
