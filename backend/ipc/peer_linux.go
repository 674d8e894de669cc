package ipc

import (
	"fmt"
	"net"

	"golang.org/x/sys/unix"
)

// KernelPeer reads SO_PEERCRED and the peer's session id.
func KernelPeer(c *net.UnixConn) (Peer, error) {
	return rawPeer(c, func(fd int) (Peer, error) {
		u, err := unix.GetsockoptUcred(fd, unix.SOL_SOCKET, unix.SO_PEERCRED)
		if err != nil {
			return Peer{}, fmt.Errorf("read the peer's credentials: %w", err)
		}
		p := Peer{UID: int(u.Uid), PID: int(u.Pid)}
		p.Session = session(p.PID)
		return p, nil
	})
}

// session is pid's session id, or -pid when it can't be read (the peer
// exited), so such a peer shares no permission with another.
func session(pid int) int {
	sid, err := unix.Getsid(pid)
	if err != nil || pid <= 0 {
		return -pid
	}
	return sid
}
