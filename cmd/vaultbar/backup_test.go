package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"

	"vaultbar/backend/service"
)

// restoreWorld is a vault with a backup holding First and Second, then
// First's password changed and Third added.
func restoreWorld(t *testing.T) (*cli, string) {
	c := initialised(t)
	c.ok("add", "login", "First", "password=first-1")
	c.ok("add", "login", "Second")
	c.ok("ls") // opening folds the journal into a new snapshot and keeps a backup
	c.ok("edit", "first", "password=first-2")
	c.ok("ls") // ...and now the snapshot with First and Second is a backup
	var bs []service.Backup
	if err := json.Unmarshal([]byte(c.ok("backup", "ls", "--json")), &bs); err != nil || len(bs) < 2 {
		t.Fatalf("backup ls --json = %+v, %v", bs, err)
	}
	wantIn(t, "backup ls", c.ok("backup", "ls"), "NAME", bs[0].Name)
	c.ok("add", "login", "Third")
	return c, bs[0].Name
}

func TestBackupRestore(t *testing.T) {
	c, name := restoreWorld(t)
	before := c.ok("ls")

	dry := c.ok("backup", "restore", name, "--dry-run")
	wantIn(t, "restore --dry-run", dry, "Restoring backup "+name,
		"records: 1 changed, 0 restored, 1 removed", "groups:  0 changed", "types:   0 changed", "Nothing was changed")
	if got := c.ok("ls"); got != before {
		t.Fatalf("--dry-run changed the vault:\n%s\nwas\n%s", got, before)
	}

	// No terminal to confirm on and no --yes: refused, nothing changed.
	c.fails(exitUsage, "needs a confirmation", "--yes", "backup", "restore", name)
	if got := c.ok("ls"); got != before {
		t.Fatalf("an unconfirmed restore changed the vault:\n%s", got)
	}

	out := c.ok("backup", "restore", name, "--yes")
	wantIn(t, "restore --yes", out, "Restored backup "+name+": 2 records, 0 groups and 0 types changed")
	ls := c.ok("ls")
	wantIn(t, "ls after restore", ls, "First", "Second")
	wantNotIn(t, "ls after restore", ls, "Third")
	wantIn(t, "ls --deleted after restore", c.ok("ls", "--deleted"), "Third")
	wantIn(t, "show first after restore", c.ok("show", "first", "--reveal", "--history"), "first-1", "first-2")

	wantIn(t, "restoring it again", c.ok("backup", "restore", name), "nothing to restore")
}

func TestBackupRestoreRefusals(t *testing.T) {
	c, name := restoreWorld(t)
	for _, bad := range []string{"vault-20200101-000000.vbv", "nonsense"} {
		r := c.fails(exitNotFound, "there is no backup named "+bad, "vaultbar backup ls", "backup", "restore", bad, "--yes")
		if n := strings.Count(r.stderr, bad); n != 1 {
			t.Errorf("the error names %s %d times:\n%s", bad, n, r.stderr)
		}
	}
	dir := filepath.Join(c.home, "vault", "backups")
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0x40
	if err := os.WriteFile(filepath.Join(dir, "vault-20200102-000000.vbv"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	r := c.fails(exitGeneral, "its contents do not authenticate", "choose another backup", "backup", "restore", "vault-20200102-000000.vbv", "--dry-run")
	if n := strings.Count(r.stderr, "vault-20200102-000000.vbv"); n != 1 {
		t.Errorf("the error names the damaged backup %d times:\n%s", n, r.stderr)
	}
	c.fails(exitUsage, "expected one argument", "backup restore <name>", "backup", "restore")
	c.fails(exitUsage, "unknown flag --force", "--dry-run", "backup", "restore", name, "--force")
	c.env["VAULTBAR_PASSWORD"] = "a wrong but long password"
	c.fails(exitWrongPassword, "not right", "Caps Lock", "backup", "restore", name)
}

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
