package watch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// wait reports whether a signal arrives within d. The bound only keeps a
// broken watcher from hanging the test; nothing here asserts timing.
func wait(w *Watcher, d time.Duration) bool {
	select {
	case <-w.Events():
		return true
	case <-time.After(d):
		return false
	}
}

func TestSignalsOnNewFilesInNewFolders(t *testing.T) {
	root := filepath.Join(t.TempDir(), "Vaultbar")
	if err := os.MkdirAll(filepath.Join(root, "devices"), 0o700); err != nil {
		t.Fatal(err)
	}
	w, err := New(root, Options{Debounce: 10 * time.Millisecond, Rescan: time.Hour,
		Ignore: func(p string) bool { return strings.Contains(p, "mine") }})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	dev := filepath.Join(root, "devices", "b")
	if err := os.Mkdir(dev, 0o700); err != nil {
		t.Fatal(err)
	}
	if !wait(w, 5*time.Second) {
		t.Fatal("no signal for a new device folder")
	}
	os.WriteFile(filepath.Join(dev, "c-1-1.vbc"), []byte("x"), 0o600)
	if !wait(w, 5*time.Second) {
		t.Fatal("no signal for a file in a folder created after watching began")
	}
	os.WriteFile(filepath.Join(root, "mine"), []byte("x"), 0o600)
	if wait(w, 200*time.Millisecond) {
		t.Fatal("signal for an ignored path")
	}
}

func TestBurstFoldsIntoOneSignal(t *testing.T) {
	root := t.TempDir()
	w, err := New(root, Options{Debounce: 50 * time.Millisecond, Rescan: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for i := range 20 {
		os.WriteFile(filepath.Join(root, string(rune('a'+i))), []byte("x"), 0o600)
	}
	if !wait(w, 5*time.Second) {
		t.Fatal("no signal")
	}
	if wait(w, 300*time.Millisecond) {
		t.Fatal("a burst gave more than one signal")
	}
}

func TestRescanSignalsAndPicksUpALateRoot(t *testing.T) {
	root := filepath.Join(t.TempDir(), "later")
	w, err := New(root, Options{Debounce: 10 * time.Millisecond, Rescan: 30 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if !wait(w, 5*time.Second) {
		t.Fatal("no rescan signal")
	}
	os.MkdirAll(filepath.Join(root, "keys"), 0o700)
	wait(w, 5*time.Second) // the rescan that adds the new root
	for len(w.Events()) > 0 {
		<-w.Events()
	}
	os.WriteFile(filepath.Join(root, "keys", "1-a.vbk"), []byte("x"), 0o600)
	if !wait(w, 5*time.Second) {
		t.Fatal("no signal after the root appeared")
	}
}
