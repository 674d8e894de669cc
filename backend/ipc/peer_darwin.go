package ipc

import (
	"fmt"
	"net"

	"golang.org/x/sys/unix"
)

// KernelPeer reads LOCAL_PEERCRED (what getpeereid uses), LOCAL_PEERPID
// and the peer's session id.
func KernelPeer(c *net.UnixConn) (Peer, error) {
	return rawPeer(c, func(fd int) (Peer, error) {
		x, err := unix.GetsockoptXucred(fd, unix.SOL_LOCAL, unix.LOCAL_PEERCRED)
		if err != nil {
			return Peer{}, fmt.Errorf("read the peer's credentials: %w", err)
		}
		p := Peer{UID: int(x.Uid)}
		if pid, err := unix.GetsockoptInt(fd, unix.SOL_LOCAL, unix.LOCAL_PEERPID); err == nil {
			p.PID = pid
		}
		p.Session = session(p.PID)
		return p, nil
	})
}

// session is pid's session id, or -pid when it can't be read.
func session(pid int) int {
	sid, err := unix.Getsid(pid)
	if err != nil || pid <= 0 {
		return -pid
	}
	return sid
}
