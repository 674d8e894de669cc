package ipc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"vaultbar/backend/model"
	"vaultbar/backend/service"
	"vaultbar/backend/syncer"
)

// Client is the CLI's end of the socket: a Vault and a Sync whose methods
// the app runs. Its first request (Hello, in Dial) is the one the user is
// asked about, so a refusal or a locked app is said before a command
// starts.
type Client struct {
	mu      sync.Mutex
	conn    *net.UnixConn
	command string
	err     error // the first failure of a method that returns no error
}

var (
	_ Vault = (*Client)(nil)
	_ Sync  = (*Client)(nil)
)

// Dial connects to the app serving home, checks it runs as this user and
// asks for permission for command ("vaultbar ls"). It returns
// ErrNotRunning when no app serves home (no socket, or one left by an app
// that crashed): then the caller opens the vault itself.
func Dial(home, command string) (*Client, error) {
	return dial(home, command, KernelPeer)
}

func dial(home, command string, peer PeerFunc) (*Client, error) {
	path := filepath.Join(home, SocketName)
	conn, err := net.DialUnix("unix", nil, &net.UnixAddr{Name: path, Net: "unix"})
	if errors.Is(err, syscall.ENOENT) || errors.Is(err, syscall.ECONNREFUSED) {
		return nil, ErrNotRunning
	}
	if err != nil {
		return nil, fmt.Errorf("connect to the Vaultbar app: %w", err)
	}
	p, err := peer(conn)
	if err == nil {
		err = checkPeer(p)
	}
	if err != nil {
		conn.Close()
		return nil, err
	}
	c := &Client{conn: conn, command: command}
	if err := c.call("Hello", nil); err != nil {
		conn.Close()
		return nil, err
	}
	return c, nil
}

// Close ends the connection.
func (c *Client) Close() error { return c.conn.Close() }

// Err is the first failure of Status, Location or PasswordStore, whose
// signatures (Sync's) have no error.
func (c *Client) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// call runs op with args and decodes its result into out (nil: ignored).
func (c *Client) call(op string, out any, args ...any) error {
	req := Request{V: Version, Op: op, Command: c.command}
	for _, a := range args {
		b, err := json.Marshal(a)
		if err != nil {
			return fmt.Errorf("encode %s: %w", op, err)
		}
		req.Args = append(req.Args, b)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := writeFrame(c.conn, req, MaxRequest); err != nil {
		return fmt.Errorf("send to the Vaultbar app: %w", err)
	}
	var resp Response
	if err := readFrame(c.conn, &resp, MaxResponse); err != nil {
		return fmt.Errorf("read the Vaultbar app's answer: %w", err)
	}
	return resp.decode(out)
}

func (r Response) decode(out any) error {
	if r.V != Version {
		return ErrVersion
	}
	if r.Err != nil {
		return fromWire(r.Err)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(r.Result, out); err != nil {
		return fmt.Errorf("read the Vaultbar app's answer: %w", err)
	}
	return nil
}

// get is call for a method with a result.
func get[R any](c *Client, op string, args ...any) (R, error) {
	var r R
	err := c.call(op, &r, args...)
	return r, err
}

func (c *Client) List(f model.Filter) ([]model.Summary, error) {
	return get[[]model.Summary](c, "List", f)
}
func (c *Client) Counts() (map[string]int, error) { return get[map[string]int](c, "Counts") }
func (c *Client) Find(nameOrID string) (model.Record, error) {
	return get[model.Record](c, "Find", nameOrID)
}
func (c *Client) FindDeleted(nameOrID string) (model.Summary, error) {
	return get[model.Summary](c, "FindDeleted", nameOrID)
}
func (c *Client) History(id string) ([]model.HistoryEntry, error) {
	return get[[]model.HistoryEntry](c, "History", id)
}
func (c *Client) AddRecord(in model.RecordInput) (model.Record, error) {
	return get[model.Record](c, "AddRecord", in)
}
func (c *Client) UpdateRecord(id string, p model.RecordPatch) (model.Record, error) {
	return get[model.Record](c, "UpdateRecord", id, p)
}
func (c *Client) DeleteRecord(id string) error { return c.call("DeleteRecord", nil, id) }
func (c *Client) RestoreRecord(id string) (model.Record, error) {
	return get[model.Record](c, "RestoreRecord", id)
}
func (c *Client) PurgeRecord(id string) error    { return c.call("PurgeRecord", nil, id) }
func (c *Client) Groups() ([]model.Group, error) { return get[[]model.Group](c, "Groups") }
func (c *Client) GroupByName(name string) (model.Group, error) {
	return get[model.Group](c, "GroupByName", name)
}
func (c *Client) AddGroup(name string) (model.Group, error) {
	return get[model.Group](c, "AddGroup", name)
}
func (c *Client) RenameGroup(id, name string) (model.Group, error) {
	return get[model.Group](c, "RenameGroup", id, name)
}
func (c *Client) DeleteGroup(id string) error  { return c.call("DeleteGroup", nil, id) }
func (c *Client) Types() ([]model.Type, error) { return get[[]model.Type](c, "Types") }
func (c *Client) TypeByName(n string) (model.Type, error) {
	return get[model.Type](c, "TypeByName", n)
}
func (c *Client) DeletedTypes() ([]model.Type, error) { return get[[]model.Type](c, "DeletedTypes") }
func (c *Client) AddType(name string, fields []model.FieldDef) (model.Type, error) {
	return get[model.Type](c, "AddType", name, fields)
}
func (c *Client) TypeUsage(id string) (int, error)  { return get[int](c, "TypeUsage", id) }
func (c *Client) DeleteType(id string) (int, error) { return get[int](c, "DeleteType", id) }
func (c *Client) RestoreType(id string) (model.Type, error) {
	return get[model.Type](c, "RestoreType", id)
}

// SyncNow asks the app to sync; ctx bounds the wait for its answer.
func (c *Client) SyncNow(ctx context.Context) error {
	if d, ok := ctx.Deadline(); ok {
		c.conn.SetReadDeadline(d.Add(time.Second)) // the app's own bound comes first
		defer c.conn.SetReadDeadline(time.Time{})
	}
	return c.call("SyncNow", nil)
}

func (c *Client) Status() syncer.Status {
	st, err := get[syncer.Status](c, "Status")
	c.keep(err)
	return st
}

func (c *Client) Location() service.SyncSettings {
	loc, err := get[service.SyncSettings](c, "Location")
	c.keep(err)
	return loc
}

func (c *Client) PasswordStore() string {
	s, err := get[string](c, "PasswordStore")
	c.keep(err)
	return s
}

func (c *Client) keep(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.err = err
	}
}

// Running reports whether an app answers on home's socket, without asking
// for anything: for saying why the vault is in use.
func Running(home string) bool {
	c, err := net.DialTimeout("unix", filepath.Join(home, SocketName), time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}
