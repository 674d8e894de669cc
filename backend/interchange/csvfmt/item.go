package csvfmt

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"vaultbar/backend/interchange"
	"vaultbar/backend/model"
)

// Add appends a non-empty value to an item. Key names a built-in field of
// the item's type; a second value for a key the item already has becomes a
// custom field under its label instead, so nothing is lost to the
// one-value-per-key rule of built-in fields.
func Add(it *interchange.Item, key, label string, kind model.FieldKind, value string) {
	if strings.TrimSpace(value) == "" {
		return
	}
	if key != "" && HasKey(*it, key) {
		key = ""
	}
	it.Fields = append(it.Fields, interchange.Field{Key: key, Label: label, Kind: kind, Value: value})
}

// HasKey reports whether the item already has a value for a built-in key.
func HasKey(it interchange.Item, key string) bool {
	for _, f := range it.Fields {
		if f.Key == key {
			return true
		}
	}
	return false
}

// Value is the item's value for a built-in key, "" when it has none.
func Value(it interchange.Item, key string) string {
	for _, f := range it.Fields {
		if f.Key == key {
			return f.Value
		}
	}
	return ""
}

// HostTitle names an item after its website when the source gives no
// title: "https://www.example.com/login" is "example.com".
func HostTitle(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Hostname() == "" {
		return strings.TrimSpace(raw)
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// Bool reads the many ways exports write true.
func Bool(s string) bool {
	switch norm(s) {
	case "1", "true", "yes", "y", "on", "x":
		return true
	}
	return false
}

// UnixMillis reads a time in milliseconds since 1970 ("" or junk is zero).
func UnixMillis(s string) time.Time {
	ms, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || ms <= 0 || ms > 1<<50 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// UnixSeconds reads a time in seconds since 1970 ("" or junk is zero).
func UnixSeconds(s string) time.Time {
	sec, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || sec <= 0 || sec > 1<<40 {
		return time.Time{}
	}
	return time.Unix(sec, 0).UTC()
}

// ISOTime reads an RFC 3339 time, with or without a zone ("" or junk is
// zero).
func ISOTime(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// Tags splits a tag list on commas or semicolons, trimming each.
func Tags(s string) []string {
	var out []string
	for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// Valid checks the invariants every parser keeps, which the fuzz targets
// assert: each item has a type (built-in or named), each field a known kind.
func Valid(res interchange.Result) error {
	for _, it := range res.Items {
		if it.Type == "" && strings.TrimSpace(it.TypeName) == "" {
			return fmt.Errorf("item %q has no type", it.Title)
		}
		for _, f := range it.Fields {
			if !f.Kind.Valid() {
				return fmt.Errorf("item %q: field %q has kind %q", it.Title, f.Label, f.Kind)
			}
		}
	}
	return nil
}
