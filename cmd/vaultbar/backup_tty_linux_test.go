package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// Linux only: the pseudo-terminal is opened with Linux's ioctls.

// The confirmation is asked on the terminal: y restores, anything else
// does not.
func TestBackupRestoreAsksOnTheTerminal(t *testing.T) {
	c, name := restoreWorld(t)
	before := c.ok("ls")
	r := c.runTTY("n\n", "backup", "restore", name)
	if r.code != exitGeneral || !strings.Contains(r.stderr, "not confirmed") {
		t.Fatalf("answering n: exit %d, stderr %q", r.code, r.stderr)
	}
	if got := c.ok("ls"); got != before {
		t.Fatalf("answering n changed the vault:\n%s", got)
	}
	r = c.runTTY("y\n", "backup", "restore", name)
	if r.code != 0 || !strings.Contains(r.stdout, "Restored backup") {
		t.Fatalf("answering y: exit %d\nstdout %q\nstderr %q", r.code, r.stdout, r.stderr)
	}
	wantNotIn(t, "ls after answering y", c.ok("ls"), "Third")
}

// runTTY runs vaultbar with a new pseudo-terminal as its controlling
// terminal, typing input on it.
func (c *cli) runTTY(input string, args ...string) result {
	c.t.Helper()
	master, slave := openPTY(c.t)
	defer master.Close()
	cmd := exec.Command(binary, args...)
	cmd.Env = []string{"VAULTBAR_HOME=" + c.home, "VAULTBAR_TEST_LIGHT_KDF=1", "PATH=" + os.Getenv("PATH"), "HOME=" + c.home}
	for k, v := range c.env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var out, errb bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, &out, &errb
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	slave.Close()
	go io.Copy(io.Discard, master) // the prompt and the echo
	fmt.Fprint(master, input)
	err := cmd.Wait()
	r := result{stdout: out.String(), stderr: errb.String()}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		r.code = ee.ExitCode()
	} else if err != nil {
		c.t.Fatal(err)
	}
	return r
}

func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	fd, err := unix.Open("/dev/ptmx", unix.O_RDWR|unix.O_NOCTTY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	master = os.NewFile(uintptr(fd), "/dev/ptmx")
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	return master, slave
}
