package keepass

import (
	"bytes"
	"strings"
	"time"

	"github.com/tobischo/gokeepasslib/v3"
	w "github.com/tobischo/gokeepasslib/v3/wrappers"

	"vaultbar/backend/interchange"
	"vaultbar/backend/model"
)

// The standard string fields of a KeePass entry.
const (
	keyTitle    = "Title"
	keyUser     = "UserName"
	keyPassword = "Password"
	keyURL      = "URL"
	keyNotes    = "Notes"
	keyOTP      = "otp"       // KeePassXC: an otpauth:// URI
	keyOTPSeed  = "TOTP Seed" // KeePass 2 and KeeTrayTOTP: a base32 secret
)

// GroupSeparator joins a nested group path into one readable name.
const GroupSeparator = " / "

// convert turns a decoded database into the import model. The root group's
// own name ("Root", "Passwords") is not part of any path; the recycle bin
// and everything under it is Trashed.
func convert(c *gokeepasslib.DBContent) interchange.Result {
	var bin gokeepasslib.UUID
	if c.Meta != nil && c.Meta.RecycleBinEnabled.Bool {
		bin = c.Meta.RecycleBinUUID
	}
	var res interchange.Result
	for _, root := range c.Root.Groups {
		walk(&res, root, nil, false, bin)
	}
	return res
}

func walk(res *interchange.Result, g gokeepasslib.Group, path []string, trashed bool, bin gokeepasslib.UUID) {
	trashed = trashed || (bin != gokeepasslib.UUID{} && bytes.Equal(g.UUID[:], bin[:]))
	name := strings.Join(path, GroupSeparator)
	for _, e := range g.Entries {
		it := item(e)
		it.Group, it.Trashed = name, trashed
		if len(it.Attachments) > 0 {
			res.Warnings = append(res.Warnings, "“"+it.Title+"” has attachments ("+strings.Join(it.Attachments, ", ")+"), which Vaultbar does not import yet.")
		}
		res.Items = append(res.Items, it)
	}
	for _, sub := range g.Groups {
		walk(res, sub, append(path[:len(path):len(path)], sub.Name), trashed, bin)
	}
}

func item(e gokeepasslib.Entry) interchange.Item {
	it := interchange.Item{Type: "login", Title: e.GetContent(keyTitle), Notes: e.GetContent(keyNotes)}
	it.Fields = fields(e)
	it.Tags = tags(e.Tags)
	it.Created, it.Modified = when(e.Times.CreationTime), when(e.Times.LastModificationTime)
	for _, b := range e.Binaries {
		it.Attachments = append(it.Attachments, b.Name)
	}
	for _, h := range e.Histories {
		for _, old := range h.Entries {
			it.History = append(it.History, interchange.Version{Time: when(old.Times.LastModificationTime), Fields: fields(old)})
		}
	}
	if e.Times.Expires.Bool && e.Times.ExpiryTime != nil {
		it.Fields = append(it.Fields, interchange.Field{Label: "Expires", Kind: model.KindDate, Value: e.Times.ExpiryTime.Time.UTC().Format("2006-01-02")})
	}
	for _, c := range e.CustomData { // from a Vaultbar export
		switch {
		case c.Key == customDataType && c.Value != "":
			it.Type, it.TypeName = "", c.Value
		case c.Key == customDataFavorite:
			it.Favorite = c.Value == "1"
		}
	}
	if it.Title == "" {
		it.Title = untitled(it)
	}
	return it
}

// fields maps an entry's strings: the standard ones onto the login type's
// fields, every other one kept as a custom field under its own name.
func fields(e gokeepasslib.Entry) []interchange.Field {
	var out []interchange.Field
	for _, v := range e.Values {
		f, ok := field(v)
		if ok {
			out = append(out, f)
		}
	}
	return out
}

func field(v gokeepasslib.ValueData) (interchange.Field, bool) {
	val := v.Value.Content
	switch v.Key {
	case keyTitle, keyNotes:
		return interchange.Field{}, false
	case keyUser:
		return interchange.Field{Key: "username", Label: "Username", Kind: model.KindText, Value: val}, val != ""
	case keyPassword:
		return interchange.Field{Key: "password", Label: "Password", Kind: model.KindSecret, Value: val}, val != ""
	case keyURL:
		return interchange.Field{Key: "url", Label: "Website", Kind: model.KindURL, Value: val}, val != ""
	case keyOTP, keyOTPSeed:
		return interchange.Field{Key: "otp", Label: "One-Time Password", Kind: model.KindOTP, Value: val}, val != ""
	}
	kind := model.KindText
	if v.Value.Protected.Bool {
		kind = model.KindSecret
	}
	return interchange.Field{Label: v.Key, Kind: kind, Value: val}, true
}

func tags(s string) []string {
	var out []string
	for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func when(t *w.TimeWrapper) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.Time.UTC()
}

// untitled names an entry KeePass let the user leave without a title.
func untitled(it interchange.Item) string {
	for _, f := range it.Fields {
		if f.Key == "url" || f.Key == "username" {
			return f.Value
		}
	}
	return "(untitled)"
}
