package tray

import "vaultbar/backend/model"

// State is what the dropdown shows.
type State struct {
	Locked     bool
	Status     string // the sync status sentence: "Synced 2 minutes ago", "Syncing…", the problem
	Syncing    bool   // a sync is running: Sync Now waits for it
	Favourites []Favourite
}

// Favourite is a favourite record and the fields its submenu copies.
// An empty field id means the record has no such value.
type Favourite struct {
	RecordID      string
	Name          string
	UserField     string
	PasswordField string
}

// Op is what clicking an item does.
type Op int

const (
	OpNone Op = iota
	OpSyncNow
	OpQuickSearch
	OpCopy
	OpLock
	OpUnlock
	OpOpen
	OpPreferences
	OpQuit
)

// Command is an Op with the record field it copies, for OpCopy.
type Command struct {
	Op       Op
	RecordID string
	FieldID  string
}

// Item is one entry of the dropdown. IDs are stable across states, so a
// driver can update an item in place when only its label or enabled state
// changes. Separators have no ID.
type Item struct {
	ID        string
	Label     string
	Enabled   bool
	Separator bool
	Command   Command
	Children  []Item
}

// Item ids of the fixed entries.
const (
	IDStatus      = "status"
	IDSyncNow     = "sync"
	IDSearch      = "search"
	IDFavourites  = "favourites"
	IDLock        = "lock"
	IDOpen        = "open"
	IDPreferences = "preferences"
	IDQuit        = "quit"
)

// MaxFavourites caps the Favourites submenu; Search… finds the rest.
const MaxFavourites = 30

// Menu is the dropdown for s. Items that read or change the vault are
// disabled while it is locked; the favourites are not even listed then, so
// a locked vault shows no record names. Search… stays on: Quick Access asks
// for the password first, as the global shortcut's panel does.
func Menu(s State) []Item {
	open := !s.Locked
	lock := Item{ID: IDLock, Label: "Lock", Enabled: true, Command: Command{Op: OpLock}}
	if s.Locked {
		lock = Item{ID: IDLock, Label: "Unlock…", Enabled: true, Command: Command{Op: OpUnlock}}
	}
	return []Item{
		{ID: IDStatus, Label: statusLine(s)},
		{ID: IDSyncNow, Label: "Sync Now", Enabled: open && !s.Syncing, Command: Command{Op: OpSyncNow}},
		{Separator: true},
		{ID: IDSearch, Label: "Search…", Enabled: true, Command: Command{Op: OpQuickSearch}},
		favouritesItem(s),
		{Separator: true},
		lock,
		{ID: IDOpen, Label: "Open Vaultbar", Enabled: true, Command: Command{Op: OpOpen}},
		{ID: IDPreferences, Label: "Preferences…", Enabled: true, Command: Command{Op: OpPreferences}},
		{Separator: true},
		{ID: IDQuit, Label: "Quit Vaultbar", Enabled: true, Command: Command{Op: OpQuit}},
	}
}

func statusLine(s State) string {
	switch {
	case s.Status != "":
		return s.Status
	case s.Locked:
		return "Locked"
	default:
		return "Not synced"
	}
}

func favouritesItem(s State) Item {
	it := Item{ID: IDFavourites, Label: "Favourites", Enabled: !s.Locked}
	if s.Locked {
		return it
	}
	favs := s.Favourites
	if len(favs) == 0 {
		it.Children = []Item{{ID: "fav:none", Label: "No Favourites"}}
		return it
	}
	if len(favs) > MaxFavourites {
		favs = favs[:MaxFavourites]
	}
	for _, f := range favs {
		it.Children = append(it.Children, favouriteItem(f))
	}
	return it
}

func favouriteItem(f Favourite) Item {
	id := "fav:" + f.RecordID
	it := Item{ID: id, Label: f.Name, Enabled: f.UserField != "" || f.PasswordField != ""}
	if f.UserField != "" {
		it.Children = append(it.Children, Item{ID: id + ":user", Label: "Copy User Name", Enabled: true,
			Command: Command{Op: OpCopy, RecordID: f.RecordID, FieldID: f.UserField}})
	}
	if f.PasswordField != "" {
		it.Children = append(it.Children, Item{ID: id + ":password", Label: "Copy Password", Enabled: true,
			Command: Command{Op: OpCopy, RecordID: f.RecordID, FieldID: f.PasswordField}})
	}
	return it
}

// FavouriteOf picks the fields a favourite's submenu copies: the user name
// is the "username" field, else the first e-mail field, else the first
// plain text field; the password is the "password" field, else the first
// secret one. Fields without a value are not offered.
func FavouriteOf(r model.Record) Favourite {
	f := Favourite{RecordID: r.ID, Name: r.Name}
	f.UserField = pick(r.Fields, func(x model.Field) bool { return x.ID == "username" },
		func(x model.Field) bool { return x.Kind == model.KindEmail },
		func(x model.Field) bool { return x.Kind == model.KindText })
	f.PasswordField = pick(r.Fields, func(x model.Field) bool { return x.ID == "password" },
		func(x model.Field) bool { return x.Kind == model.KindSecret })
	return f
}

// pick returns the id of the first field with a value that matches the
// first rule any field matches.
func pick(fields []model.Field, rules ...func(model.Field) bool) string {
	for _, rule := range rules {
		for _, x := range fields {
			if x.Value != "" && rule(x) {
				return x.ID
			}
		}
	}
	return ""
}

// Find returns the item with id in items or their submenus.
func Find(items []Item, id string) (Item, bool) {
	for _, it := range items {
		if it.ID == id && id != "" {
			return it, true
		}
		if c, ok := Find(it.Children, id); ok {
			return c, true
		}
	}
	return Item{}, false
}

// SameShape reports whether a and b have the same items in the same places,
// so that b can be shown by changing labels and enabled states of a.
func SameShape(a, b []Item) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Separator != b[i].Separator || !SameShape(a[i].Children, b[i].Children) {
			return false
		}
	}
	return true
}
