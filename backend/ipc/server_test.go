package ipc

import (
	"context"
	"encoding/binary"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"vaultbar/backend/model"
)

// fakeVault serves two records; the methods a test does not need panic
// through the nil embedded interface.
type fakeVault struct {
	Vault
	mu     sync.Mutex
	locked bool
	recs   []model.Summary
}

func (f *fakeVault) Locked() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.locked
}

func (f *fakeVault) setLocked(b bool) {
	f.mu.Lock()
	f.locked = b
	f.mu.Unlock()
}

func (f *fakeVault) List(model.Filter) ([]model.Summary, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]model.Summary(nil), f.recs...), nil
}

func (f *fakeVault) AddRecord(in model.RecordInput) (model.Record, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.recs = append(f.recs, model.Summary{ID: "new", Name: in.Name})
	return model.Record{ID: "new", Name: in.Name}, nil
}

func (f *fakeVault) Find(name string) (model.Record, error) {
	switch name {
	case "Git":
		return model.Record{}, &model.AmbiguousError{Query: name, Matches: []string{"GitHub (id a)", "GitLab (id b)"}}
	case "GitHub":
		return model.Record{ID: "a", Name: "GitHub"}, nil
	}
	return model.Record{}, model.ErrNotFound
}

// rig is a server on a temp data folder, with a clock the test moves, a
// session the test picks and an approver that answers from a channel.
type rig struct {
	t       *testing.T
	home    string
	vault   *fakeVault
	srv     *Server
	mu      sync.Mutex
	now     time.Time
	session int
	uid     int
	asks    chan Ask
	answers chan bool
}

func newRig(t *testing.T) *rig {
	r := &rig{t: t, home: t.TempDir(), now: time.Unix(1e9, 0), session: 1, uid: os.Getuid(),
		vault: &fakeVault{recs: []model.Summary{{ID: "a", Name: "GitHub"}}},
		asks:  make(chan Ask, 4), answers: make(chan bool, 4)}
	r.srv = NewServer(r.vault, Config{Approve: r.approve, Now: r.clock, Peer: r.peer})
	if err := r.srv.Listen(r.home); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.srv.Close)
	return r
}

func (r *rig) approve(ctx context.Context, a Ask) bool {
	r.asks <- a
	select {
	case ok := <-r.answers:
		return ok
	case <-ctx.Done():
		return false
	}
}

func (r *rig) clock() time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.now
}

func (r *rig) advance(d time.Duration) {
	r.mu.Lock()
	r.now = r.now.Add(d)
	r.mu.Unlock()
}

func (r *rig) peer(c *net.UnixConn) (Peer, error) {
	p, err := KernelPeer(c)
	r.mu.Lock()
	defer r.mu.Unlock()
	p.Session, p.UID = r.session, r.uid
	return p, err
}

// dial connects as the CLI does, answering the question (if one comes)
// with answer.
func (r *rig) dial(answer bool) (*Client, error) {
	r.answers <- answer
	c, err := Dial(r.home, "vaultbar ls")
	if len(r.answers) == 1 { // not asked: take the answer back
		<-r.answers
	}
	return c, err
}

func (r *rig) set(session, uid int) {
	r.mu.Lock()
	r.session, r.uid = session, uid
	r.mu.Unlock()
}

func (r *rig) asked() int {
	n := len(r.asks)
	for len(r.asks) > 0 {
		<-r.asks
	}
	return n
}

func TestAllowedSessionListsAndAdds(t *testing.T) {
	r := newRig(t)
	c, err := r.dial(true)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if n := r.asked(); n != 1 {
		t.Fatalf("asked %d times, want 1", n)
	}
	if _, err := c.AddRecord(model.RecordInput{Name: "Mail"}); err != nil {
		t.Fatal(err)
	}
	sums, err := c.List(model.Filter{})
	if err != nil || len(sums) != 2 || sums[1].Name != "Mail" {
		t.Fatalf("List = %v, %v", sums, err)
	}
	c2, err := r.dial(true) // the same session: not asked again
	if err != nil {
		t.Fatal(err)
	}
	c2.Close()
	if n := r.asked(); n != 0 {
		t.Fatalf("the same session was asked again (%d)", n)
	}
	r.set(2, os.Getuid())
	c3, err := r.dial(true)
	if err != nil {
		t.Fatal(err)
	}
	c3.Close()
	if n := r.asked(); n != 1 {
		t.Fatalf("another session was asked %d times, want 1", n)
	}
}

func TestAskCarriesTheCommandOnly(t *testing.T) {
	r := newRig(t)
	c, err := r.dial(true)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	a := <-r.asks
	if a.Command != "vaultbar ls" || a.Session != 1 || a.PID != os.Getpid() {
		t.Fatalf("ask = %+v", a)
	}
}

func TestDenied(t *testing.T) {
	r := newRig(t)
	_, err := r.dial(false)
	if !errors.Is(err, ErrDenied) {
		t.Fatalf("err = %v, want ErrDenied", err)
	}
	msg, hint := Explain(err)
	if msg != "the Vaultbar app did not allow this terminal" || !strings.Contains(hint, "Allow") {
		t.Fatalf("explained as %q / %q", msg, hint)
	}
	if _, err := r.dial(false); !errors.Is(err, ErrDenied) { // a denial grants nothing: asked again
		t.Fatalf("second try: %v", err)
	}
	if n := r.asked(); n != 2 {
		t.Fatalf("asked %d times, want 2", n)
	}
}

func TestPermissionExpires(t *testing.T) {
	r := newRig(t)
	c, err := r.dial(true)
	if err != nil {
		t.Fatal(err)
	}
	r.advance(Grant - time.Second)
	if _, err := c.List(model.Filter{}); err != nil {
		t.Fatalf("within the grant: %v", err)
	}
	r.advance(time.Second)
	r.asked()
	r.answers <- false
	if _, err := c.List(model.Filter{}); !errors.Is(err, ErrDenied) {
		t.Fatalf("after the grant: %v, want a new question denied", err)
	}
	if n := r.asked(); n != 1 {
		t.Fatalf("asked %d times after expiry, want 1", n)
	}
}

func TestLockRefusesAndRevokes(t *testing.T) {
	r := newRig(t)
	c, err := r.dial(true)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	r.asked()
	r.vault.setLocked(true)
	r.srv.Revoke() // what the app does when the vault locks
	_, err = c.List(model.Filter{})
	if !errors.Is(err, ErrAppLocked) {
		t.Fatalf("err = %v, want ErrAppLocked", err)
	}
	if msg, hint := Explain(err); msg != "Vaultbar is open and locked" || !strings.Contains(hint, "unlock it") {
		t.Fatalf("explained as %q / %q", msg, hint)
	}
	if _, err := r.dial(true); !errors.Is(err, ErrAppLocked) {
		t.Fatalf("dial while locked: %v", err)
	}
	if n := r.asked(); n != 0 {
		t.Fatalf("asked %d times while locked", n)
	}
	r.vault.setLocked(false)
	r.answers <- true
	if _, err := c.List(model.Filter{}); err != nil {
		t.Fatal(err)
	}
	if n := r.asked(); n != 1 {
		t.Fatalf("after unlock asked %d times, want 1 (lock ends the permission)", n)
	}
}

func TestLockWhileAskingGrantsNothing(t *testing.T) {
	r := newRig(t)
	r.srv.cfg.Approve = func(ctx context.Context, a Ask) bool {
		r.vault.setLocked(true)
		r.srv.Revoke()
		return true
	}
	if _, err := Dial(r.home, "vaultbar ls"); !errors.Is(err, ErrAppLocked) {
		t.Fatalf("err = %v, want ErrAppLocked", err)
	}
	if r.srv.granted(1) {
		t.Fatal("an answer given across a lock granted the session")
	}
}

func TestWrongUIDRefused(t *testing.T) {
	r := newRig(t)
	r.set(1, os.Getuid()+1)
	_, err := Dial(r.home, "vaultbar ls")
	if err == nil {
		t.Fatal("a peer of another user was served")
	}
	if n := r.asked(); n != 0 {
		t.Fatalf("another user's peer was asked about (%d)", n)
	}
}

// raw sends bytes on a bare connection and reads the one response.
func raw(t *testing.T, home string, b []byte) Response {
	t.Helper()
	c, err := net.Dial("unix", filepath.Join(home, SocketName))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Write(b); err != nil {
		t.Fatal(err)
	}
	var resp Response
	if err := readFrame(c, &resp, MaxResponse); err != nil {
		t.Fatal(err)
	}
	return resp
}

func frame(n uint32, body string) []byte {
	b := binary.BigEndian.AppendUint32(nil, n)
	return append(b, body...)
}

func TestBadFramesRefused(t *testing.T) {
	for name, b := range map[string][]byte{
		"oversized": frame(MaxRequest+1, ""),
		"empty":     frame(0, ""),
		"garbage":   frame(5, "{{{{{"),
	} {
		t.Run(name, func(t *testing.T) {
			r := newRig(t)
			resp := raw(t, r.home, b)
			if resp.Err == nil || resp.Err.Code != "bad_request" {
				t.Fatalf("response = %+v, want bad_request", resp)
			}
			if n := r.asked(); n != 0 {
				t.Fatalf("a bad frame was asked about")
			}
		})
	}
}

func TestOtherVersionRefused(t *testing.T) {
	r := newRig(t)
	resp := raw(t, r.home, frame(uint32(len(`{"v":2,"op":"List"}`)), `{"v":2,"op":"List"}`))
	if resp.Err == nil || resp.Err.Code != "version" {
		t.Fatalf("response = %+v, want version", resp)
	}
}

func TestErrorsKeepTheirKind(t *testing.T) {
	r := newRig(t)
	c, err := r.dial(true)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = c.Find("Git")
	var amb *model.AmbiguousError
	if !errors.As(err, &amb) || len(amb.Matches) != 2 {
		t.Fatalf("Find(Git) = %v, want an AmbiguousError", err)
	}
	if _, err := c.Find("nothing"); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("Find(nothing) = %v, want ErrNotFound", err)
	}
	if err := c.call("Backups", nil); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("an unserved operation: %v", err)
	}
	if _, err := c.Find("GitHub"); err != nil {
		t.Fatalf("the connection did not survive an error: %v", err)
	}
}

func TestNotRunning(t *testing.T) {
	home := t.TempDir()
	if _, err := Dial(home, "vaultbar ls"); !errors.Is(err, ErrNotRunning) {
		t.Fatalf("no socket: %v", err)
	}
	stale(t, home)
	if _, err := Dial(home, "vaultbar ls"); !errors.Is(err, ErrNotRunning) {
		t.Fatalf("stale socket: %v", err)
	}
}

// stale leaves a socket file nobody listens on, as a crashed app does.
func stale(t *testing.T, home string) {
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: filepath.Join(home, SocketName), Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	ln.SetUnlinkOnClose(false)
	ln.Close()
}

func TestStaleSocketReplaced(t *testing.T) {
	home := t.TempDir()
	stale(t, home)
	srv := NewServer(&fakeVault{}, Config{Approve: func(context.Context, Ask) bool { return true }})
	if err := srv.Listen(home); err != nil {
		t.Fatalf("a stale socket stopped the server: %v", err)
	}
	srv.Close()
	if _, err := os.Lstat(filepath.Join(home, SocketName)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Close left the socket: %v", err)
	}
}

func TestForeignFileKept(t *testing.T) {
	home := t.TempDir()
	path := filepath.Join(home, SocketName)
	if err := os.WriteFile(path, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := NewServer(&fakeVault{}, Config{Approve: func(context.Context, Ask) bool { return true }})
	if err := srv.Listen(home); err == nil || !strings.Contains(err.Error(), "in the way") {
		srv.Close()
		t.Fatalf("Listen = %v, want refused", err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "mine" {
		t.Fatalf("the file in the way was changed: %q, %v", b, err)
	}
}

func TestSecondAppRefused(t *testing.T) {
	r := newRig(t)
	second := NewServer(&fakeVault{}, Config{Approve: func(context.Context, Ask) bool { return true }})
	if err := second.Listen(r.home); !errors.Is(err, ErrAnotherApp) {
		second.Close()
		t.Fatalf("second Listen = %v, want ErrAnotherApp", err)
	}
	c, err := r.dial(true) // the first still serves
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
}

func TestSocketMode(t *testing.T) {
	r := newRig(t)
	fi, err := os.Stat(filepath.Join(r.home, SocketName))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("socket mode %v, want 0600", fi.Mode().Perm())
	}
}

func TestCloseEndsPermissions(t *testing.T) {
	r := newRig(t)
	c, err := r.dial(true)
	if err != nil {
		t.Fatal(err)
	}
	r.srv.Close()
	if _, err := c.List(model.Filter{}); err == nil {
		t.Fatal("served after Close")
	}
	if r.srv.granted(1) {
		t.Fatal("a permission outlived Close")
	}
}

func TestCloseEndsAQuestion(t *testing.T) {
	r := newRig(t)
	done := make(chan error, 1)
	go func() {
		_, err := Dial(r.home, "vaultbar ls") // nobody answers
		done <- err
	}()
	<-r.asks
	r.srv.Close() // quitting does not wait for the question's time limit
	if err := <-done; err == nil {
		t.Fatal("a question ended by quit allowed the terminal")
	}
}

func TestLockWhileAskingSaysLocked(t *testing.T) {
	r := newRig(t)
	r.srv.cfg.Approve = func(ctx context.Context, a Ask) bool {
		r.vault.setLocked(true)
		r.srv.Revoke()
		return false // the app drops the question when the vault locks
	}
	if _, err := Dial(r.home, "vaultbar ls"); !errors.Is(err, ErrAppLocked) {
		t.Fatalf("err = %v, want ErrAppLocked", err)
	}
}

func TestAskCommandBounded(t *testing.T) {
	for in, want := range map[string]string{
		"vaultbar ls":            "vaultbar ls",
		"":                       "vaultbar",
		"vaultbar\nls\u202e":     "vaultbar?ls?",
		"vaultbar \x1b[2Jrm":     "vaultbar ?[2Jrm",
		strings.Repeat("a", 100): strings.Repeat("a", maxCommand) + "…",
	} {
		if got := askCommand(in); got != want {
			t.Errorf("askCommand(%q) = %q, want %q", in, got, want)
		}
	}
}
