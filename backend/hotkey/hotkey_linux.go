//go:build linux && cgo

package hotkey

/*
#cgo LDFLAGS: -lX11
#include <stdlib.h>
#include <poll.h>
#include <X11/Xlib.h>
#include <X11/keysym.h>

static int hkFailed;

// A grab another client holds is BadAccess. Xlib's default handler would
// end the process; this one remembers it for hk_grab to report.
static int hkOnError(Display *d, XErrorEvent *e) {
	hkFailed = e->error_code;
	return 0;
}

// Caps Lock and Num Lock are modifiers to X: grab with each combination so
// the shortcut works whatever their state.
static int hk_grab(Display *d, int keysym, unsigned int mods, int grab) {
	KeyCode code = XKeysymToKeycode(d, (KeySym)keysym);
	if (code == 0) return -1;
	unsigned int extra[] = {0, LockMask, Mod2Mask, LockMask | Mod2Mask};
	XErrorHandler old = XSetErrorHandler(hkOnError);
	hkFailed = 0;
	for (int i = 0; i < 4; i++) {
		if (grab) XGrabKey(d, code, mods | extra[i], DefaultRootWindow(d), False, GrabModeAsync, GrabModeAsync);
		else XUngrabKey(d, code, mods | extra[i], DefaultRootWindow(d));
	}
	XSync(d, False);
	XSetErrorHandler(old);
	return hkFailed == BadAccess ? 1 : hkFailed != 0 ? -1 : 0;
}

// hk_wait returns 1 after a key press, 0 when timeout_ms passed.
static int hk_wait(Display *d, int timeout_ms) {
	while (XPending(d) > 0) {
		XEvent ev;
		XNextEvent(d, &ev);
		if (ev.type == KeyPress) return 1;
	}
	struct pollfd p = {.fd = ConnectionNumber(d), .events = POLLIN};
	poll(&p, 1, timeout_ms);
	return 0;
}
*/
import "C"

import (
	"fmt"
	"os"
	"runtime"
	"sync"
)

var x11Mods = map[Mod]C.uint{Ctrl: C.ControlMask, Shift: C.ShiftMask, Alt: C.Mod1Mask, Cmd: C.Mod4Mask}

// Available says whether Register can work here, and if not, why.
func Available() (bool, string) {
	if os.Getenv("DISPLAY") == "" {
		if os.Getenv("WAYLAND_DISPLAY") != "" {
			return false, "Wayland gives applications no global shortcut; set one in your desktop's keyboard settings to run vaultbar, or use the menu-bar item's Search…"
		}
		return false, "there is no X display (DISPLAY is not set)"
	}
	return true, ""
}

type x11Binding struct {
	pressed chan struct{}
	stop    chan struct{}
	done    sync.WaitGroup
}

// Register grabs s on the X display's root window.
func Register(s Shortcut) (Binding, error) {
	if ok, why := Available(); !ok {
		return nil, fmt.Errorf("%s: %w", why, ErrUnavailable)
	}
	b := &x11Binding{pressed: make(chan struct{}, 1), stop: make(chan struct{})}
	ready := make(chan error, 1)
	b.done.Add(1)
	go b.run(s, ready)
	if err := <-ready; err != nil {
		return nil, err
	}
	return b, nil
}

// run owns the display connection on one OS thread, as Xlib wants.
func (b *x11Binding) run(s Shortcut, ready chan<- error) {
	defer b.done.Done()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	d := C.XOpenDisplay(nil)
	if d == nil {
		ready <- fmt.Errorf("opening the X display: %w", ErrUnavailable)
		return
	}
	defer C.XCloseDisplay(d)
	sym, mods := keysym(s.Key), C.uint(0)
	for m, x := range x11Mods {
		if s.Mods&m != 0 {
			mods |= x
		}
	}
	switch C.hk_grab(d, sym, mods, 1) {
	case 1:
		C.hk_grab(d, sym, mods, 0)
		ready <- fmt.Errorf("%s: %w", s, ErrConflict)
		return
	case -1:
		ready <- fmt.Errorf("%s: the X server refused the grab: %w", s, ErrUnavailable)
		return
	}
	defer C.hk_grab(d, sym, mods, 0)
	ready <- nil
	b.loop(d)
}

func (b *x11Binding) loop(d *C.Display) {
	for {
		select {
		case <-b.stop:
			return
		default:
		}
		if C.hk_wait(d, 100) == 1 {
			select {
			case b.pressed <- struct{}{}:
			default: // one press is waiting already
			}
		}
	}
}

func keysym(key string) C.int {
	if key == "Space" {
		return C.XK_space
	}
	return C.int(key[0]) // X keysyms of A–Z and 0–9 are their ASCII codes
}

func (b *x11Binding) Pressed() <-chan struct{} { return b.pressed }

func (b *x11Binding) Close() error {
	close(b.stop)
	b.done.Wait()
	return nil
}
