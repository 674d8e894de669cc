package tray

import (
	"fmt"
	"strings"
	"testing"

	"vaultbar/backend/model"
)

// outline renders items as the user sees them: one line per item,
// submenus indented, "(off)" for disabled items, "---" for separators.
func outline(items []Item) string {
	var b strings.Builder
	var walk func([]Item, string)
	walk = func(items []Item, indent string) {
		for _, it := range items {
			switch {
			case it.Separator:
				fmt.Fprintf(&b, "%s---\n", indent)
			case it.Enabled:
				fmt.Fprintf(&b, "%s%s\n", indent, it.Label)
			default:
				fmt.Fprintf(&b, "%s%s (off)\n", indent, it.Label)
			}
			walk(it.Children, indent+"  ")
		}
	}
	walk(items, "")
	return b.String()
}

func TestMenuLocked(t *testing.T) {
	got := outline(Menu(State{Locked: true, Status: "Locked",
		Favourites: []Favourite{{RecordID: "r1", Name: "Bank", PasswordField: "password"}}}))
	want := `Locked (off)
Sync Now (off)
---
Search…
Favourites (off)
---
Unlock…
Open Vaultbar
Preferences…
---
Quit Vaultbar
`
	if got != want {
		t.Errorf("locked menu:\n%s\nwant:\n%s", got, want)
	}
}

func TestMenuUnlocked(t *testing.T) {
	got := outline(Menu(State{Status: "Synced 2 minutes ago", Favourites: []Favourite{
		{RecordID: "r1", Name: "Bank", UserField: "username", PasswordField: "password"},
		{RecordID: "r2", Name: "Wi-Fi", PasswordField: "password"},
		{RecordID: "r3", Name: "Empty"},
	}}))
	want := `Synced 2 minutes ago (off)
Sync Now
---
Search…
Favourites
  Bank
    Copy User Name
    Copy Password
  Wi-Fi
    Copy Password
  Empty (off)
---
Lock
Open Vaultbar
Preferences…
---
Quit Vaultbar
`
	if got != want {
		t.Errorf("unlocked menu:\n%s\nwant:\n%s", got, want)
	}
}

func TestMenuStatusLine(t *testing.T) {
	for _, tc := range []struct {
		s    State
		want string
	}{
		{State{Locked: true}, "Locked"},
		{State{}, "Not synced"},
		{State{Status: "Syncing…", Syncing: true}, "Syncing…"},
		{State{Status: "The sync folder is not there"}, "The sync folder is not there"},
	} {
		m := Menu(tc.s)
		if m[0].Label != tc.want || m[0].Enabled {
			t.Errorf("%+v: status item %q enabled=%v, want %q disabled", tc.s, m[0].Label, m[0].Enabled, tc.want)
		}
	}
}

func TestMenuSyncNowWaitsForRunningSync(t *testing.T) {
	it, _ := Find(Menu(State{Status: "Syncing…", Syncing: true}), IDSyncNow)
	if it.Enabled {
		t.Error("Sync Now is enabled while a sync runs")
	}
}

func TestMenuNoFavourites(t *testing.T) {
	it, _ := Find(Menu(State{}), IDFavourites)
	if got := outline([]Item{it}); got != "Favourites\n  No Favourites (off)\n" {
		t.Errorf("got:\n%s", got)
	}
}

func TestMenuCapsFavourites(t *testing.T) {
	var favs []Favourite
	for i := range MaxFavourites + 5 {
		favs = append(favs, Favourite{RecordID: fmt.Sprint(i), Name: fmt.Sprint("r", i), PasswordField: "p"})
	}
	it, _ := Find(Menu(State{Favourites: favs}), IDFavourites)
	if len(it.Children) != MaxFavourites {
		t.Errorf("%d favourites shown, want %d", len(it.Children), MaxFavourites)
	}
}

func TestMenuCommands(t *testing.T) {
	m := Menu(State{Favourites: []Favourite{{RecordID: "r1", Name: "Bank", UserField: "email", PasswordField: "pw"}}})
	for id, want := range map[string]Command{
		IDSyncNow:         {Op: OpSyncNow},
		IDSearch:          {Op: OpQuickSearch},
		IDLock:            {Op: OpLock},
		IDOpen:            {Op: OpOpen},
		IDPreferences:     {Op: OpPreferences},
		IDQuit:            {Op: OpQuit},
		"fav:r1:user":     {Op: OpCopy, RecordID: "r1", FieldID: "email"},
		"fav:r1:password": {Op: OpCopy, RecordID: "r1", FieldID: "pw"},
	} {
		it, ok := Find(m, id)
		if !ok || it.Command != want {
			t.Errorf("%s: %+v (found %v), want %+v", id, it.Command, ok, want)
		}
	}
	if it, _ := Find(Menu(State{Locked: true}), IDLock); it.Command.Op != OpUnlock {
		t.Errorf("locked: lock item runs %v, want OpUnlock", it.Command.Op)
	}
}

func TestSameShape(t *testing.T) {
	locked, unlocked := Menu(State{Locked: true}), Menu(State{Status: "Synced just now"})
	if SameShape(locked, unlocked) {
		t.Error("a locked menu (no favourites submenu) has the shape of an unlocked one")
	}
	if !SameShape(Menu(State{Status: "a"}), Menu(State{Status: "b", Syncing: true})) {
		t.Error("a status change changes the shape")
	}
	if !SameShape(Menu(State{Locked: true}), Menu(State{Locked: true, Status: "Locked"})) {
		t.Error("locked menus differ in shape")
	}
	one := Menu(State{Favourites: []Favourite{{RecordID: "a", Name: "A", PasswordField: "p"}}})
	other := Menu(State{Favourites: []Favourite{{RecordID: "b", Name: "A", PasswordField: "p"}}})
	if SameShape(one, other) {
		t.Error("different favourites have one shape")
	}
}

func TestFavouriteOf(t *testing.T) {
	f := func(id string, k model.FieldKind, v string) model.Field {
		return model.Field{ID: id, Kind: k, Value: v}
	}
	for _, tc := range []struct {
		name       string
		fields     []model.Field
		user, pass string
	}{
		{"login", []model.Field{f("username", model.KindText, "ann"), f("password", model.KindSecret, "pw"), f("url", model.KindURL, "x")}, "username", "password"},
		{"empty login", []model.Field{f("username", model.KindText, ""), f("password", model.KindSecret, "")}, "", ""},
		{"email account", []model.Field{f("email", model.KindEmail, "a@b"), f("imap", model.KindText, "imap"), f("password", model.KindSecret, "pw")}, "email", "password"},
		{"server", []model.Field{f("host", model.KindText, "h"), f("port", model.KindNumber, "22"), f("username", model.KindText, "root"), f("password", model.KindSecret, "pw")}, "username", "password"},
		{"card", []model.Field{f("cardholder", model.KindText, "Ann"), f("number", model.KindSecret, "4111"), f("cvv", model.KindPIN, "123")}, "cardholder", "number"},
		{"note", []model.Field{f("note", model.KindNote, "hello")}, "", ""},
	} {
		got := FavouriteOf(model.Record{ID: "r", Name: tc.name, Fields: tc.fields})
		if got.UserField != tc.user || got.PasswordField != tc.pass || got.RecordID != "r" || got.Name != tc.name {
			t.Errorf("%s: %+v, want user %q password %q", tc.name, got, tc.user, tc.pass)
		}
	}
}
