package traytest

import (
	"bufio"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/godbus/dbus/v5"
)

// Bus is a private D-Bus session bus run by dbus-daemon.
type Bus struct {
	Address string
	cmd     *exec.Cmd
}

// StartBus starts a private session bus. Close stops it.
func StartBus() (*Bus, error) {
	cmd := exec.Command("dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start dbus-daemon (apt-get install dbus): %w", err)
	}
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(out).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case addr := <-line:
		if addr == "" {
			cmd.Process.Kill()
			cmd.Wait()
			return nil, fmt.Errorf("dbus-daemon printed no address")
		}
		return &Bus{Address: addr, cmd: cmd}, nil
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		cmd.Wait()
		return nil, fmt.Errorf("dbus-daemon printed no address within 10s")
	}
}

// Connect opens a new connection to the bus.
func (b *Bus) Connect() (*dbus.Conn, error) {
	return Connect(b.Address)
}

// Close stops the bus.
func (b *Bus) Close() {
	b.cmd.Process.Kill()
	b.cmd.Wait()
}

// Connect opens a private connection to the bus at address.
func Connect(address string) (*dbus.Conn, error) {
	conn, err := dbus.Dial(address)
	if err != nil {
		return nil, err
	}
	if err := conn.Auth(nil); err != nil {
		conn.Close()
		return nil, err
	}
	if err := conn.Hello(); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}
