package secrets

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/godbus/dbus/v5"
)

const (
	ssDest      = "org.freedesktop.secrets"
	ssPath      = dbus.ObjectPath("/org/freedesktop/secrets")
	ssService   = "org.freedesktop.Secret.Service"
	ssItem      = "org.freedesktop.Secret.Item"
	ssPrompt    = "org.freedesktop.Secret.Prompt"
	ssNoPrompt  = dbus.ObjectPath("/")
	ssNoObject  = dbus.ObjectPath("/")
	ssPlainAlgo = "plain"
)

// SecretService keeps secrets in the freedesktop.org Secret Service
// (gnome-keyring, KWallet, KeePassXC) over the D-Bus session bus, as items
// in the default collection with the attributes service=Service and
// account=<account>, which `secret-tool lookup` and Seahorse understand.
//
// Every operation opens its own bus connection and closes it when done, so
// a keyring that restarts or a bus that goes away costs one failed call,
// never a stale handle.
type SecretService struct {
	// Address is the session bus address. Empty means
	// $DBUS_SESSION_BUS_ADDRESS, then $XDG_RUNTIME_DIR/bus. A bus is never
	// launched: a headless machine without one gets ErrUnavailable.
	Address string

	// Timeout bounds connecting and every call that does not wait for a
	// person. PromptTimeout bounds waiting for the user to answer an unlock
	// prompt; a prompt that times out is dismissed.
	Timeout, PromptTimeout time.Duration

	mu   sync.Mutex
	impl string // the process that owns org.freedesktop.secrets, once seen
}

var _ Store = (*SecretService)(nil)

// NewSecretService returns a SecretService with short timeouts: three
// seconds per call, two minutes for the user to unlock the keyring.
func NewSecretService() *SecretService {
	return &SecretService{Timeout: 3 * time.Second, PromptTimeout: 2 * time.Minute}
}

// Name implements Store. It names the keyring behind the service once an
// operation has reached it, e.g. "Secret Service (gnome-keyring)".
func (s *SecretService) Name() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.impl == "" {
		return "Secret Service"
	}
	return "Secret Service (" + s.impl + ")"
}

// Probe reports whether the Secret Service answers and has a default
// collection to keep secrets in, without prompting. Fallback calls it.
func (s *SecretService) Probe() error {
	c, err := s.open()
	if err != nil {
		return err
	}
	defer c.close()
	_, err = c.defaultCollection()
	return err
}

// Set implements Store. It unlocks the default collection if needed, which
// may show the keyring's unlock prompt, and creates the item or replaces
// the secret of the existing one.
func (s *SecretService) Set(account string, secret []byte) error {
	if err := checkSet(account, secret); err != nil {
		return err
	}
	c, err := s.open()
	if err != nil {
		return err
	}
	defer c.close()
	coll, err := c.defaultCollection()
	if err != nil {
		return err
	}
	if err := c.unlock([]dbus.ObjectPath{coll}); err != nil {
		return err
	}
	sec, err := c.encrypt(secret)
	if err != nil {
		return fmt.Errorf("secret service: %w", err)
	}
	props := map[string]dbus.Variant{
		ssItem + ".Label":      dbus.MakeVariant(label(account)),
		ssItem + ".Attributes": dbus.MakeVariant(attributes(account)),
	}
	var item, prompt dbus.ObjectPath
	err = c.call(coll, "org.freedesktop.Secret.Collection.CreateItem", props, sec, true).Store(&item, &prompt)
	if err != nil {
		return fmt.Errorf("secret service: store %q: %w", account, err)
	}
	return c.prompt(prompt)
}

// Get implements Store.
func (s *SecretService) Get(account string) ([]byte, error) {
	if err := checkAccount(account); err != nil {
		return nil, err
	}
	c, err := s.open()
	if err != nil {
		return nil, err
	}
	defer c.close()
	items, err := c.search(account)
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("secret service: %q: %w", account, ErrNotFound)
	}
	var sec ssSecret
	if err := c.call(items[0], ssItem+".GetSecret", c.session).Store(&sec); err != nil {
		return nil, fmt.Errorf("secret service: read %q: %w", account, err)
	}
	secret, err := c.decrypt(sec)
	if err != nil {
		return nil, fmt.Errorf("secret service: read %q: %w", account, err)
	}
	return secret, nil
}

// Delete implements Store. It removes every item for account, in any
// collection.
func (s *SecretService) Delete(account string) error {
	if err := checkAccount(account); err != nil {
		return err
	}
	c, err := s.open()
	if err != nil {
		return err
	}
	defer c.close()
	items, err := c.search(account)
	if err != nil {
		return err
	}
	for _, item := range items {
		var prompt dbus.ObjectPath
		if err := c.call(item, ssItem+".Delete").Store(&prompt); err != nil {
			return fmt.Errorf("secret service: delete %q: %w", account, err)
		}
		if err := c.prompt(prompt); err != nil {
			return err
		}
	}
	return nil
}

func attributes(account string) map[string]string {
	return map[string]string{"service": Service, "account": account}
}

// ssSecret is the Secret Service's Secret struct, (oayays) on the wire.
type ssSecret struct {
	Session     dbus.ObjectPath
	Parameters  []byte
	Value       []byte
	ContentType string
}

// ssConn is one operation's connection and open session.
type ssConn struct {
	s       *SecretService
	conn    *dbus.Conn
	cancel  context.CancelFunc
	session dbus.ObjectPath
	key     []byte // nil for a plain session
}

func unavailable(format string, args ...any) error {
	return fmt.Errorf("secret service: %s: %w", fmt.Sprintf(format, args...), ErrUnavailable)
}

func (s *SecretService) busAddress() (string, error) {
	if s.Address != "" {
		return s.Address, nil
	}
	if a := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); a != "" && a != "autolaunch:" {
		return a, nil
	}
	if dir := os.Getenv("XDG_RUNTIME_DIR"); dir != "" {
		if p := filepath.Join(dir, "bus"); fileExists(p) {
			return "unix:path=" + dbus.EscapeBusAddressValue(p), nil
		}
	}
	return "", unavailable("no session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// open connects to the session bus and opens a session with the Secret
// Service, preferring the encrypted algorithm. Any failure here means no
// secret store answers, so it wraps ErrUnavailable.
func (s *SecretService) open() (*ssConn, error) {
	addr, err := s.busAddress()
	if err != nil {
		return nil, err
	}
	// Cancelling the connection's context closes it, which also unblocks
	// an authentication handshake that a wedged bus never answers.
	ctx, cancel := context.WithCancel(context.Background())
	stop := time.AfterFunc(s.Timeout, cancel)
	conn, err := dbus.Dial(addr, dbus.WithContext(ctx))
	if err == nil {
		if err = conn.Auth(nil); err == nil {
			err = conn.Hello()
		}
	}
	if !stop.Stop() && err == nil {
		err = context.DeadlineExceeded
	}
	if err != nil {
		cancel()
		return nil, fmt.Errorf("secret service: session bus at %s: %w (%w)", addr, ErrUnavailable, err)
	}
	c := &ssConn{s: s, conn: conn, cancel: cancel}
	if err := c.openSession(); err != nil {
		c.close()
		return nil, fmt.Errorf("secret service: %w (%w)", ErrUnavailable, err)
	}
	s.noteImplementation(c)
	return c, nil
}

func (c *ssConn) openSession() error {
	k, err := newDHKey()
	if err != nil {
		return err
	}
	var out dbus.Variant
	err = c.call(ssPath, ssService+".OpenSession", dhAlgorithm, dbus.MakeVariant(k.public.Bytes())).Store(&out, &c.session)
	var derr dbus.Error
	if errors.As(err, &derr) && derr.Name == "org.freedesktop.DBus.Error.NotSupported" {
		// Plain sessions are allowed by the specification; the bus is
		// local and only this user's processes are on it.
		return c.call(ssPath, ssService+".OpenSession", ssPlainAlgo, dbus.MakeVariant("")).Store(&out, &c.session)
	}
	if err != nil {
		return err
	}
	peer, ok := out.Value().([]byte)
	if !ok {
		return fmt.Errorf("unexpected session output %s", out.Signature())
	}
	c.key, err = k.aesKey(peer)
	return err
}

func (c *ssConn) close() {
	if c.session != "" {
		c.call(c.session, "org.freedesktop.Secret.Session.Close")
	}
	clear(c.key)
	c.cancel()
}

func (c *ssConn) call(path dbus.ObjectPath, method string, args ...any) *dbus.Call {
	ctx, cancel := context.WithTimeout(context.Background(), c.s.Timeout)
	defer cancel()
	return c.conn.Object(ssDest, path).CallWithContext(ctx, method, 0, args...)
}

func (c *ssConn) defaultCollection() (dbus.ObjectPath, error) {
	var coll dbus.ObjectPath
	if err := c.call(ssPath, ssService+".ReadAlias", "default").Store(&coll); err != nil {
		return "", fmt.Errorf("secret service: read default collection: %w", err)
	}
	if coll == ssNoObject {
		// A keyring daemon started without a login keyring: creating one
		// needs a prompt, and there is nobody at a headless machine.
		return "", unavailable("the keyring has no default collection")
	}
	return coll, nil
}

// search returns the items for account, unlocking locked ones.
func (c *ssConn) search(account string) ([]dbus.ObjectPath, error) {
	var unlocked, locked []dbus.ObjectPath
	if err := c.call(ssPath, ssService+".SearchItems", attributes(account)).Store(&unlocked, &locked); err != nil {
		return nil, fmt.Errorf("secret service: search %q: %w", account, err)
	}
	if len(locked) > 0 {
		if err := c.unlock(locked); err != nil {
			return nil, err
		}
	}
	return append(unlocked, locked...), nil
}

func (c *ssConn) unlock(objects []dbus.ObjectPath) error {
	var done []dbus.ObjectPath
	var prompt dbus.ObjectPath
	if err := c.call(ssPath, ssService+".Unlock", objects).Store(&done, &prompt); err != nil {
		return fmt.Errorf("secret service: unlock: %w", err)
	}
	return c.prompt(prompt)
}

// prompt shows a prompt the service asked for, such as the keyring's
// unlock dialog, and waits for the user. A dismissed prompt, or one that
// cannot be shown (no display), leaves the keyring unusable for us.
func (c *ssConn) prompt(p dbus.ObjectPath) error {
	if p == ssNoPrompt || p == "" {
		return nil
	}
	ch := make(chan *dbus.Signal, 8)
	c.conn.Signal(ch)
	defer c.conn.RemoveSignal(ch)
	ctx, cancel := context.WithTimeout(context.Background(), c.s.Timeout)
	defer cancel()
	err := c.conn.AddMatchSignalContext(ctx, dbus.WithMatchObjectPath(p),
		dbus.WithMatchInterface(ssPrompt), dbus.WithMatchMember("Completed"))
	if err != nil {
		return fmt.Errorf("secret service: watch prompt: %w", err)
	}
	if err := c.call(p, ssPrompt+".Prompt", "").Err; err != nil {
		return fmt.Errorf("secret service: show prompt: %w", err)
	}
	timeout := time.NewTimer(c.s.PromptTimeout)
	defer timeout.Stop()
	for {
		select {
		case sig := <-ch:
			if sig == nil || sig.Path != p || sig.Name != ssPrompt+".Completed" || len(sig.Body) == 0 {
				continue
			}
			if dismissed, _ := sig.Body[0].(bool); dismissed {
				return unavailable("the keyring prompt was dismissed")
			}
			return nil
		case <-timeout.C:
			c.call(p, ssPrompt+".Dismiss")
			return unavailable("nobody answered the keyring prompt within %s", c.s.PromptTimeout)
		case <-c.conn.Context().Done():
			return unavailable("the session bus went away during a prompt")
		}
	}
}

func (c *ssConn) encrypt(secret []byte) (ssSecret, error) {
	ct := "application/octet-stream"
	if utf8.Valid(secret) {
		ct = "text/plain; charset=utf8"
	}
	if c.key == nil {
		return ssSecret{Session: c.session, Parameters: []byte{}, Value: secret, ContentType: ct}, nil
	}
	iv, value, err := encryptSecret(c.key, secret)
	return ssSecret{Session: c.session, Parameters: iv, Value: value, ContentType: ct}, err
}

func (c *ssConn) decrypt(sec ssSecret) ([]byte, error) {
	if c.key == nil {
		return sec.Value, nil
	}
	return decryptSecret(c.key, sec.Parameters, sec.Value)
}

var knownKeyrings = map[string]string{
	"gnome-keyring": "gnome-keyring",
	"kwalletd":      "KWallet",
	"keepassxc":     "KeePassXC",
}

// noteImplementation remembers which program answers for the Secret
// Service, for Name. It is best effort: only where /proc exists.
func (s *SecretService) noteImplementation(c *ssConn) {
	ctx, cancel := context.WithTimeout(context.Background(), s.Timeout)
	defer cancel()
	var pid uint32
	err := c.conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.GetConnectionUnixProcessID", 0, ssDest).Store(&pid)
	if err != nil {
		return
	}
	comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
	if err != nil {
		return
	}
	name := strings.TrimSpace(string(comm)) // at most 15 bytes
	for prefix, known := range knownKeyrings {
		if strings.HasPrefix(strings.ToLower(name), prefix) {
			name = known
			break
		}
	}
	s.mu.Lock()
	s.impl = name
	s.mu.Unlock()
}
