package ipc

import (
	"fmt"
	"net"
	"os"
)

// Peer is who is at the other end of a connection, as the kernel says.
type Peer struct {
	UID     int
	PID     int // 0 where the kernel does not tell
	Session int // the peer's session id: one terminal window
}

// PeerFunc reads the peer of a connection; tests inject their own.
type PeerFunc func(c *net.UnixConn) (Peer, error)

// checkPeer refuses a peer of another user.
func checkPeer(p Peer) error {
	if p.UID != os.Getuid() {
		return fmt.Errorf("%w: uid %d", ErrPeer, p.UID)
	}
	return nil
}

// rawPeer runs fn on the connection's file descriptor.
func rawPeer(c *net.UnixConn, fn func(fd int) (Peer, error)) (Peer, error) {
	rc, err := c.SyscallConn()
	if err != nil {
		return Peer{}, err
	}
	var p Peer
	var perr error
	if err := rc.Control(func(fd uintptr) { p, perr = fn(int(fd)) }); err != nil {
		return Peer{}, err
	}
	return p, perr
}
