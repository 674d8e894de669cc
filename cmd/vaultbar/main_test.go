package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// The tests run the real binary, built once with the test-only tag that
// lets VAULTBAR_TEST_LIGHT_KDF make key derivation cheap, and check what a
// person would see: stdout, stderr and the exit code.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "vaultbar-cli-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "vaultbar")
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-tags", "vaultbar_testkdf", "-o", binary, ".")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build vaultbar: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const password = "correct horse battery staple"

// cli is one data folder and the environment the commands run with.
type cli struct {
	t     *testing.T
	home  string
	env   map[string]string
	stdin io.Reader // what the next commands read on standard input (nil: nothing)
}

type result struct {
	stdout, stderr string
	code           int
}

func newCLI(t *testing.T) *cli {
	return &cli{t: t, home: t.TempDir(), env: map[string]string{"VAULTBAR_PASSWORD": password}}
}

// initialised returns a cli whose vault exists.
func initialised(t *testing.T) *cli {
	c := newCLI(t)
	c.ok("init")
	return c
}

func (c *cli) run(args ...string) result {
	c.t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = []string{"VAULTBAR_HOME=" + c.home, "VAULTBAR_TEST_LIGHT_KDF=1", "PATH=" + os.Getenv("PATH"), "HOME=" + c.home}
	for k, v := range c.env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	// A new session has no controlling terminal, so a prompt fails the way
	// it does under cron or CI instead of waiting on the test's terminal.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	var out, errb bytes.Buffer
	cmd.Stdin = c.stdin
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		c.t.Fatalf("run vaultbar %v: %v", args, err)
	}
	return r
}

// ok runs a command that must succeed and returns its stdout.
func (c *cli) ok(args ...string) string {
	c.t.Helper()
	r := c.run(args...)
	if r.code != 0 {
		c.t.Fatalf("vaultbar %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

// fails runs a command that must fail with code and print an error line
// containing msg and a hint line containing hint.
func (c *cli) fails(code int, msg, hint string, args ...string) result {
	c.t.Helper()
	r := c.run(args...)
	if r.code != code {
		c.t.Errorf("vaultbar %s: exit %d, want %d\nstderr: %s", strings.Join(args, " "), r.code, code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	i := 0
	for i < len(lines) && !strings.HasPrefix(lines[i], "error: ") {
		i++ // progress lines such as the password strength come first
	}
	if i == len(lines) || !strings.Contains(lines[i], msg) {
		c.t.Errorf("vaultbar %s: stderr %q, want an error: line containing %q", strings.Join(args, " "), r.stderr, msg)
	} else if i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "hint: ") || !strings.Contains(lines[i+1], hint) {
		c.t.Errorf("vaultbar %s: stderr %q, want a hint: line containing %q after the error", strings.Join(args, " "), r.stderr, hint)
	}
	return r
}

func wantIn(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s does not contain %q:\n%s", what, w, got)
		}
	}
}

func wantNotIn(t *testing.T, what, got string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(got, w) {
			t.Errorf("%s contains %q:\n%s", what, w, got)
		}
	}
}
