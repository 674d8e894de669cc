//go:build linux && cgo

package hotkey

import (
	"errors"
	"os"
	"os/exec"
	"testing"
	"time"
)

// Needs an X display and xdotool (make test runs under Xvfb).
func TestX11PressAndConflict(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no X display")
	}
	if _, err := exec.LookPath("xdotool"); err != nil {
		t.Skip("no xdotool")
	}
	s := Shortcut{Mods: Ctrl | Shift, Key: "Space"}
	b, err := Register(s)
	if err != nil {
		t.Fatalf("Register: %v", err)
	}
	defer b.Close()
	if _, err := Register(s); !errors.Is(err, ErrConflict) {
		t.Fatalf("second Register = %v, want ErrConflict", err)
	}
	if out, err := exec.Command("xdotool", "key", "ctrl+shift+space").CombinedOutput(); err != nil {
		t.Fatalf("xdotool: %v %s", err, out)
	}
	select {
	case <-b.Pressed():
	case <-time.After(5 * time.Second):
		t.Fatal("the press never arrived")
	}
}

func TestUnavailableWithoutDisplay(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "wayland-0")
	if ok, why := Available(); ok || why == "" {
		t.Fatalf("Available() = %v, %q", ok, why)
	}
	if _, err := Register(Default()); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Register = %v, want ErrUnavailable", err)
	}
}
