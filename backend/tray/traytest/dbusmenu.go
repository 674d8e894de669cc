package traytest

import (
	"fmt"
	"strings"
	"time"

	"github.com/godbus/dbus/v5"
)

const dbusmenu = "com.canonical.dbusmenu"

// Menu is a com.canonical.dbusmenu object, as a panel reads it.
type Menu struct {
	obj dbus.BusObject
}

// Entry is one menu entry as the user sees it.
type Entry struct {
	ID        int32
	Label     string // mnemonic markers removed
	Enabled   bool
	Visible   bool
	Separator bool
	Children  []Entry
}

// Read returns the whole menu. Panels fetch the layout when the menu opens,
// and some items answer the first request of a new layout one level deep
// (fyne.io/systray does), so Read asks twice, as a panel reopening it does.
func (m *Menu) Read() ([]Entry, error) {
	var root Entry
	for range 2 {
		var rev uint32
		var layout []any
		call := m.obj.Call(dbusmenu+".GetLayout", 0, int32(0), int32(-1), []string{})
		if call.Err != nil {
			return nil, fmt.Errorf("GetLayout: %w", call.Err)
		}
		if err := call.Store(&rev, &layout); err != nil {
			return nil, fmt.Errorf("GetLayout reply: %w", err)
		}
		var err error
		if root, err = entry(layout); err != nil {
			return nil, err
		}
	}
	return root.Children, nil
}

// Click sends the "clicked" event for the entry with id, as a panel does
// when the user picks it.
func (m *Menu) Click(id int32) error {
	return m.obj.Call(dbusmenu+".Event", 0, id, "clicked", dbus.MakeVariant(""), uint32(time.Now().Unix())).Err
}

// Opened sends the "opened" event for the root, as a panel does when the
// menu opens.
func (m *Menu) Opened() error {
	return m.obj.Call(dbusmenu+".Event", 0, int32(0), "opened", dbus.MakeVariant(""), uint32(time.Now().Unix())).Err
}

// entry decodes a layout node: (id int32, properties a{sv}, children av).
func entry(node []any) (Entry, error) {
	if len(node) != 3 {
		return Entry{}, fmt.Errorf("layout node has %d members, want 3", len(node))
	}
	id, ok1 := node[0].(int32)
	props, ok2 := node[1].(map[string]dbus.Variant)
	kids, ok3 := node[2].([]dbus.Variant)
	if !ok1 || !ok2 || !ok3 {
		return Entry{}, fmt.Errorf("layout node of types %T %T %T", node[0], node[1], node[2])
	}
	e := Entry{ID: id, Enabled: true, Visible: true}
	if v, ok := props["label"].Value().(string); ok {
		e.Label = unmnemonic(v)
	}
	if v, ok := props["enabled"].Value().(bool); ok {
		e.Enabled = v
	}
	if v, ok := props["visible"].Value().(bool); ok {
		e.Visible = v
	}
	if v, ok := props["type"].Value().(string); ok {
		e.Separator = v == "separator"
	}
	for _, k := range kids {
		n, ok := k.Value().([]any)
		if !ok {
			return Entry{}, fmt.Errorf("child of %d is a %T", id, k.Value())
		}
		c, err := entry(n)
		if err != nil {
			return Entry{}, err
		}
		e.Children = append(e.Children, c)
	}
	return e, nil
}

// unmnemonic drops the access-key markers: "_x" shows as "x", "__" as "_".
func unmnemonic(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Outline renders visible entries one per line, submenus indented, "(off)"
// after disabled ones and "---" for separators: what the user sees.
func Outline(entries []Entry) string {
	var b strings.Builder
	var walk func([]Entry, string)
	walk = func(es []Entry, indent string) {
		for _, e := range es {
			switch {
			case !e.Visible:
				continue
			case e.Separator:
				fmt.Fprintf(&b, "%s---\n", indent)
			case e.Enabled:
				fmt.Fprintf(&b, "%s%s\n", indent, e.Label)
			default:
				fmt.Fprintf(&b, "%s%s (off)\n", indent, e.Label)
			}
			walk(e.Children, indent+"  ")
		}
	}
	walk(entries, "")
	return b.String()
}

// Find returns the first visible entry labelled label, searching submenus.
func Find(entries []Entry, label string) (Entry, bool) {
	for _, e := range entries {
		if !e.Visible {
			continue
		}
		if e.Label == label && !e.Separator {
			return e, true
		}
		if c, ok := Find(e.Children, label); ok {
			return c, true
		}
	}
	return Entry{}, false
}
