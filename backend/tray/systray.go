//go:build !darwin || cgo

package tray

import (
	_ "embed"
	"runtime"
	"strings"
	"sync"

	"fyne.io/systray"
)

var (
	//go:embed icon.png
	iconPNG []byte
	//go:embed icon_template.png
	templatePNG []byte // macOS tints a template image to suit the menu bar
)

// Systray makes t's status item with fyne.io/systray. Call start where the
// platform wants it (macOS: on the main thread before the app's run loop;
// Linux: once the app runs, see SessionBus) and end when the app quits.
// The status item shows t's dropdown once ready and follows its updates.
func Systray(t *Tray) (start, end func()) {
	d := &systrayDriver{click: t.Click, items: map[string]*systray.MenuItem{}}
	t.SetDriver(d)
	done := make(chan struct{})
	var once sync.Once
	ready := func() {
		systray.SetTemplateIcon(templatePNG, iconPNG)
		systray.SetTooltip("Vaultbar")
		t.Start()
		go refreshWhenOpened(t, done)
	}
	exit := func() {
		once.Do(func() { close(done) })
		t.Stop()
	}
	return systray.RunWithExternalLoop(ready, exit)
}

// refreshWhenOpened rebuilds the dropdown as it opens, so the status line
// ("Synced 2 minutes ago") is current when the user reads it.
func refreshWhenOpened(t *Tray, done <-chan struct{}) {
	for {
		select {
		case <-systray.TrayOpenedCh:
			t.Refresh()
		case <-done:
			return
		}
	}
}

// systrayDriver shows Items as systray menu items. systray can only append
// items, so a dropdown of a new shape is built afresh; one of the same shape
// changes labels and enabled states in place.
type systrayDriver struct {
	click func(id string)

	mu    sync.Mutex
	shown []Item
	items map[string]*systray.MenuItem
}

func (d *systrayDriver) Show(items []Item) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.shown != nil && SameShape(d.shown, items) {
		d.update(d.shown, items)
	} else {
		if d.shown != nil {
			systray.ResetMenu() // closes the old items' ClickedCh, ending their watchers
		}
		clear(d.items)
		d.add(nil, items)
	}
	d.shown = items
}

func (d *systrayDriver) add(parent *systray.MenuItem, items []Item) {
	for _, it := range items {
		if it.Separator {
			if parent == nil {
				systray.AddSeparator()
			} else {
				parent.AddSeparator()
			}
			continue
		}
		var mi *systray.MenuItem
		if parent == nil {
			mi = systray.AddMenuItem(label(it.Label), "")
		} else {
			mi = parent.AddSubMenuItem(label(it.Label), "")
		}
		if !it.Enabled {
			mi.Disable()
		}
		d.items[it.ID] = mi
		go d.watch(mi, it.ID)
		d.add(mi, it.Children)
	}
}

func (d *systrayDriver) update(old, items []Item) {
	for i, it := range items {
		mi := d.items[it.ID]
		if it.Separator || mi == nil {
			continue
		}
		if it.Label != old[i].Label {
			mi.SetTitle(label(it.Label))
		}
		if it.Enabled != old[i].Enabled {
			if it.Enabled {
				mi.Enable()
			} else {
				mi.Disable()
			}
		}
		d.update(old[i].Children, it.Children)
	}
}

func (d *systrayDriver) watch(mi *systray.MenuItem, id string) {
	for range mi.ClickedCh {
		d.click(id)
	}
}

// label escapes the mnemonic marker: dbusmenu reads "_x" as an underlined
// access key, and a record named "my_bank" must show as typed.
func label(s string) string {
	if runtime.GOOS != "darwin" {
		return strings.ReplaceAll(s, "_", "__")
	}
	return s
}
