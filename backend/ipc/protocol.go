package ipc

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Version is the protocol version both sides send. A server answers a
// request of another version with ErrVersion, so a CLI and an app of
// different releases say so instead of misreading each other.
const Version = 1

// Frame bounds. A request is a command's arguments (a record with its
// notes at most), so 1 MiB is generous; a response may list every record.
const (
	MaxRequest  = 1 << 20
	MaxResponse = 64 << 20
)

// SocketName and LockName are the files Listen makes in the data folder.
const (
	SocketName = "vaultbar.sock"
	LockName   = "vaultbar.sock.lock"
)

// Request is one operation: Op names a Vault or Sync method, Args its
// arguments in order. Command is the command line's first words ("vaultbar
// ls"), shown to the user when the app asks.
type Request struct {
	V       int               `json:"v"`
	Op      string            `json:"op"`
	Args    []json.RawMessage `json:"args,omitempty"`
	Command string            `json:"command,omitempty"`
}

// Response is the result of one request, or the error it failed with.
type Response struct {
	V      int             `json:"v"`
	Result json.RawMessage `json:"result,omitempty"`
	Err    *WireError      `json:"error,omitempty"`
}

// errFrame is a frame that is too large, empty or not JSON.
var errFrame = errors.New("bad frame")

// writeFrame sends v as one length-prefixed JSON frame.
func writeFrame(w io.Writer, v any, max int) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode frame: %w", err)
	}
	if len(b) > max {
		return fmt.Errorf("%w: %d bytes, at most %d", errFrame, len(b), max)
	}
	buf := make([]byte, 4+len(b))
	binary.BigEndian.PutUint32(buf, uint32(len(b)))
	copy(buf[4:], b)
	_, err = w.Write(buf)
	return err
}

// readFrame reads one frame into v, refusing a length over max before
// reading (or allocating) the body.
func readFrame(r io.Reader, v any, max int) error {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return err
	}
	n := binary.BigEndian.Uint32(hdr[:])
	if n == 0 || n > uint32(max) {
		return fmt.Errorf("%w: length %d, at most %d", errFrame, n, max)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return fmt.Errorf("%w: %v", errFrame, err)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("%w: %v", errFrame, err)
	}
	return nil
}
