package ipc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/sys/unix"
)

// Grant is how long an allowed terminal session may use the app.
const Grant = 10 * time.Minute

// Bounds on what one client can hold.
const (
	askTimeout  = 2 * time.Minute  // an unanswered question is a Deny
	idleTimeout = 10 * time.Minute // between two requests of a command (a prompt may wait)
	maxConns    = 8                // connections served at once; more are closed
)

// Backend is the vault the server serves: the operations and its lock
// state. *service.VaultService implements it.
type Backend interface {
	Vault
	Locked() bool
}

// Ask is one question to the user: may this terminal session use the app?
type Ask struct {
	Command string `json:"command"` // "vaultbar ls": the command, never its arguments
	PID     int    `json:"pid"`
	Session int    `json:"session"`
}

// Approver puts an Ask to the user and reports the answer; it returns
// false when ctx ends first. The app implements it with a sheet in its
// window.
type Approver func(ctx context.Context, a Ask) bool

// Config is what a server needs besides the vault. Peer, Now and Grant
// default to the kernel's credentials, the clock and Grant; tests set them.
type Config struct {
	Sync    Sync     // nil: the sync operations are not served
	Approve Approver // required
	Touch   func()   // called on every served request (the idle lock)
	Peer    PeerFunc
	Now     func() time.Time
	Grant   time.Duration
}

// Server serves a Backend on the data folder's socket.
type Server struct {
	vault    Backend
	handlers map[string]handler
	cfg      Config

	askMu  sync.Mutex // one question on screen at a time
	mu     sync.Mutex
	grants map[int]time.Time // session -> end of its permission
	epoch  int               // bumped by Revoke: an answer to an older question grants nothing
	conns  map[net.Conn]struct{}
	closed bool

	ln   *net.UnixListener
	lock *os.File
	wg   sync.WaitGroup

	ctx    context.Context // ends with Close: a question still on screen is then a Deny
	cancel context.CancelFunc
}

// NewServer returns a server of v; Listen starts it.
func NewServer(v Backend, cfg Config) *Server {
	if cfg.Peer == nil {
		cfg.Peer = KernelPeer
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Grant == 0 {
		cfg.Grant = Grant
	}
	if cfg.Touch == nil {
		cfg.Touch = func() {}
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Server{vault: v, handlers: handlers(v, cfg.Sync), cfg: cfg,
		grants: map[int]time.Time{}, conns: map[net.Conn]struct{}{}, ctx: ctx, cancel: cancel}
}

// Listen takes the data folder's socket and serves it until Close.
func (s *Server) Listen(home string) error {
	lock, err := takeLock(filepath.Join(home, LockName))
	if err != nil {
		return err
	}
	path := filepath.Join(home, SocketName)
	if err := clearStale(path); err != nil {
		lock.Close()
		return err
	}
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err == nil {
		err = os.Chmod(path, 0o600)
	}
	if err != nil {
		if ln != nil {
			ln.Close()
		}
		lock.Close()
		return fmt.Errorf("listen on %s: %w", path, err)
	}
	s.ln, s.lock = ln, lock
	s.wg.Add(1)
	go s.accept()
	return nil
}

// takeLock holds path's flock for the server's life: a second app on the
// same data folder gets ErrAnotherApp.
func takeLock(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, ErrAnotherApp
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return f, nil
}

// clearStale removes a socket left by an app that crashed. Anything else
// at path is not Vaultbar's to delete, and one that answers is alive.
func clearStale(path string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if fi.Mode()&os.ModeSocket == 0 {
		return fmt.Errorf("%s is in the way: it is not Vaultbar's socket", path)
	}
	if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
		c.Close()
		return ErrAnotherApp
	}
	return os.Remove(path)
}

// Close stops serving, ends every connection and drops every permission.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	for c := range s.conns {
		c.Close()
	}
	s.grants = map[int]time.Time{}
	s.epoch++
	s.mu.Unlock()
	s.cancel()
	if s.ln != nil {
		s.ln.Close() // removes the socket file
	}
	s.wg.Wait()
	if s.lock != nil {
		s.lock.Close()
	}
}

// Revoke ends every permission; the app calls it when the vault locks.
func (s *Server) Revoke() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.grants = map[int]time.Time{}
	s.epoch++
}

func (s *Server) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.AcceptUnix()
		if err != nil {
			return // closed
		}
		if !s.track(c) {
			c.Close()
			continue
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer s.untrack(c)
			s.serve(c)
		}()
	}
}

func (s *Server) track(c net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || len(s.conns) >= maxConns {
		return false
	}
	s.conns[c] = struct{}{}
	return true
}

func (s *Server) untrack(c net.Conn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
	c.Close()
}

// serve answers one connection's requests in turn.
func (s *Server) serve(c *net.UnixConn) {
	p, err := s.cfg.Peer(c)
	if err == nil {
		err = checkPeer(p)
	}
	if err != nil {
		log.Printf("ipc: refused a connection: %v", err)
		return
	}
	for {
		c.SetReadDeadline(time.Now().Add(idleTimeout))
		var req Request
		if err := readFrame(c, &req, MaxRequest); err != nil {
			if errors.Is(err, errFrame) {
				writeFrame(c, Response{V: Version, Err: toWire(fmt.Errorf("%w: %v", ErrBadRequest, err))}, MaxResponse)
			}
			return
		}
		if err := writeFrame(c, s.answer(p, req), MaxResponse); err != nil {
			writeFrame(c, Response{V: Version, Err: toWire(err)}, MaxResponse)
			return
		}
	}
}

// answer runs one request: the right version, an unlocked vault, a
// permitted session, a served operation.
func (s *Server) answer(p Peer, req Request) Response {
	res, err := s.run(p, req)
	if err != nil {
		return Response{V: Version, Err: toWire(err)}
	}
	b, err := json.Marshal(res)
	if err != nil {
		return Response{V: Version, Err: toWire(err)}
	}
	return Response{V: Version, Result: b}
}

func (s *Server) run(p Peer, req Request) (any, error) {
	if req.V != Version {
		return nil, ErrVersion
	}
	if s.vault.Locked() {
		return nil, ErrAppLocked
	}
	if err := s.allowed(p, req.Command); err != nil {
		return nil, err
	}
	s.cfg.Touch()
	if req.Op == "Hello" {
		return struct{}{}, nil
	}
	h, ok := s.handlers[req.Op]
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnsupported, req.Op)
	}
	return h(req.Args)
}

// allowed asks the user unless p's session holds a permission. Questions
// wait for each other, so a session asks once however many commands it
// starts at the same time.
func (s *Server) allowed(p Peer, command string) error {
	if s.granted(p.Session) {
		return nil
	}
	s.askMu.Lock()
	defer s.askMu.Unlock()
	if s.granted(p.Session) {
		return nil
	}
	s.mu.Lock()
	epoch := s.epoch
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(s.ctx, askTimeout)
	defer cancel()
	ok := s.cfg.Approve(ctx, Ask{Command: askCommand(command), PID: p.PID, Session: p.Session})
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.epoch != epoch || s.vault.Locked() { // locked (or quit) while asking
		return ErrAppLocked
	}
	if !ok {
		return ErrDenied
	}
	s.grants[p.Session] = s.cfg.Now().Add(s.cfg.Grant)
	return nil
}

func (s *Server) granted(session int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	until, ok := s.grants[session]
	if ok && !s.cfg.Now().Before(until) {
		delete(s.grants, session)
		ok = false
	}
	return ok
}

// maxCommand bounds the command line the user is shown: the client says
// it, so it is cut short and kept to one printable line.
const maxCommand = 64

func askCommand(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i >= maxCommand {
			b.WriteString("…")
			break
		}
		if unicode.IsControl(r) || unicode.In(r, unicode.Bidi_Control) {
			r = '?'
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "vaultbar"
	}
	return b.String()
}
