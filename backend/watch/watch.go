package watch

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options tune a Watcher; zero values pick the defaults.
type Options struct {
	Debounce time.Duration // quiet time folding a burst into one signal (250 ms)
	Rescan   time.Duration // signal at least this often anyway (1 minute)
	// Ignore drops events for paths the reader does not care about, such
	// as its own writes.
	Ignore func(path string) bool
}

// Watcher signals on Events when the folder may have changed.
type Watcher struct {
	root   string
	opt    Options
	fs     *fsnotify.Watcher
	events chan struct{}
	stop   chan struct{}
	wg     sync.WaitGroup

	mu    sync.Mutex
	timer *time.Timer
}

// New watches root and every folder up to two levels below it (the sync
// layout's depth). root need not exist yet: it is picked up when it appears
// or at the next rescan.
func New(root string, opt Options) (*Watcher, error) {
	if opt.Debounce <= 0 {
		opt.Debounce = 250 * time.Millisecond
	}
	if opt.Rescan <= 0 {
		opt.Rescan = time.Minute
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{root: root, opt: opt, fs: fw, events: make(chan struct{}, 1), stop: make(chan struct{})}
	w.addAll()
	w.wg.Add(1)
	go w.loop()
	return w, nil
}

// Events delivers a signal after changes settle, and at every rescan.
func (w *Watcher) Events() <-chan struct{} { return w.events }

// Close stops watching.
func (w *Watcher) Close() error {
	close(w.stop)
	err := w.fs.Close()
	w.wg.Wait()
	w.mu.Lock()
	if w.timer != nil {
		w.timer.Stop()
	}
	w.mu.Unlock()
	return err
}

// addAll watches the root, its subfolders and theirs. Adding a folder
// already watched is harmless, so rescans call it again to catch folders
// whose creation event was missed.
func (w *Watcher) addAll() {
	w.add(w.root, 2)
}

func (w *Watcher) add(dir string, depth int) {
	if w.fs.Add(dir) != nil || depth == 0 {
		return
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if e.IsDir() {
			w.add(filepath.Join(dir, e.Name()), depth-1)
		}
	}
}

func (w *Watcher) loop() {
	defer w.wg.Done()
	tick := time.NewTicker(w.opt.Rescan)
	defer tick.Stop()
	for {
		select {
		case <-w.stop:
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			w.event(ev)
		case _, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			w.signal() // events may have been lost: look again
		case <-tick.C:
			w.addAll()
			w.signal()
		}
	}
}

func (w *Watcher) event(ev fsnotify.Event) {
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
			w.add(ev.Name, w.depth(ev.Name))
		}
	}
	if w.opt.Ignore != nil && w.opt.Ignore(ev.Name) {
		return
	}
	w.debounce()
}

// depth is how many levels below dir still belong to the layout.
func (w *Watcher) depth(dir string) int {
	rel, err := filepath.Rel(w.root, dir)
	if err != nil || rel == "." {
		return 2
	}
	return max(2-len(strings.Split(filepath.ToSlash(rel), "/")), 0)
}

func (w *Watcher) debounce() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.timer != nil {
		return // a signal is already on its way; it covers this event
	}
	w.timer = time.AfterFunc(w.opt.Debounce, func() {
		w.mu.Lock()
		w.timer = nil
		w.mu.Unlock()
		w.signal()
	})
}

func (w *Watcher) signal() {
	select {
	case w.events <- struct{}{}:
	default:
	}
}
