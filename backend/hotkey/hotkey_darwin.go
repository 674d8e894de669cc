//go:build darwin && cgo

package hotkey

import (
	"fmt"
	"sync"

	"golang.design/x/hotkey"
)

var carbonMods = map[Mod]hotkey.Modifier{Ctrl: hotkey.ModCtrl, Shift: hotkey.ModShift, Alt: hotkey.ModOption, Cmd: hotkey.ModCmd}

var carbonKeys = map[string]hotkey.Key{
	"Space": hotkey.KeySpace,
	"A":     hotkey.KeyA, "B": hotkey.KeyB, "C": hotkey.KeyC, "D": hotkey.KeyD, "E": hotkey.KeyE, "F": hotkey.KeyF,
	"G": hotkey.KeyG, "H": hotkey.KeyH, "I": hotkey.KeyI, "J": hotkey.KeyJ, "K": hotkey.KeyK, "L": hotkey.KeyL,
	"M": hotkey.KeyM, "N": hotkey.KeyN, "O": hotkey.KeyO, "P": hotkey.KeyP, "Q": hotkey.KeyQ, "R": hotkey.KeyR,
	"S": hotkey.KeyS, "T": hotkey.KeyT, "U": hotkey.KeyU, "V": hotkey.KeyV, "W": hotkey.KeyW, "X": hotkey.KeyX,
	"Y": hotkey.KeyY, "Z": hotkey.KeyZ,
	"0": hotkey.Key0, "1": hotkey.Key1, "2": hotkey.Key2, "3": hotkey.Key3, "4": hotkey.Key4,
	"5": hotkey.Key5, "6": hotkey.Key6, "7": hotkey.Key7, "8": hotkey.Key8, "9": hotkey.Key9,
}

// Available is always true on macOS: Carbon hot keys need no permission.
func Available() (bool, string) { return true, "" }

type carbonBinding struct {
	hk      *hotkey.Hotkey
	pressed chan struct{}
	stop    chan struct{}
	once    sync.Once
}

// Register registers s with Carbon. Call it off the main thread (see doc.go).
func Register(s Shortcut) (Binding, error) {
	var mods []hotkey.Modifier
	for m, c := range carbonMods {
		if s.Mods&m != 0 {
			mods = append(mods, c)
		}
	}
	hk := hotkey.New(mods, carbonKeys[s.Key])
	if err := hk.Register(); err != nil {
		// Carbon refuses a combination another application registered.
		return nil, fmt.Errorf("%s: %v: %w", s, err, ErrConflict)
	}
	b := &carbonBinding{hk: hk, pressed: make(chan struct{}, 1), stop: make(chan struct{})}
	go b.forward()
	return b, nil
}

func (b *carbonBinding) forward() {
	for {
		select {
		case <-b.stop:
			return
		case <-b.hk.Keydown():
			select {
			case b.pressed <- struct{}{}:
			default:
			}
		}
	}
}

func (b *carbonBinding) Pressed() <-chan struct{} { return b.pressed }

func (b *carbonBinding) Close() error {
	b.once.Do(func() { close(b.stop) })
	return b.hk.Unregister()
}
