package formats

import (
	"errors"
	"testing"

	"vaultbar/backend/interchange"
)

func TestDetectAndLookup(t *testing.T) {
	for name, c := range map[string]struct {
		file string
		head string
		want string
	}{
		"kdbx":     {"x.dat", "\x03\xd9\xa2\x9a\x67\xfb\x4b\xb5\x01\x00\x04\x00", "kdbx"},
		"xml":      {"export.xml", `<?xml version="1.0"?><KeePassFile>`, "keepass-xml"},
		"vaultbar": {"all.vbx", "VAULTBAR-EXPORT\n\x00\x01", "vaultbar"},
	} {
		f, err := Detect(c.file, []byte(c.head))
		if err != nil || f.ID != c.want {
			t.Errorf("%s: %q %v", name, f.ID, err)
		}
	}
	if _, err := Detect("notes.txt", []byte("hello")); !errors.Is(err, interchange.ErrUnknownFormat) {
		t.Errorf("unknown: %v", err)
	}
	if _, err := Lookup("lotus"); !errors.Is(err, interchange.ErrUnknownFormat) {
		t.Errorf("lookup: %v", err)
	}
	seen := map[string]bool{}
	for _, f := range All() {
		if f.ID == "" || f.Name == "" || f.Sniff == nil || f.Parse == nil || seen[f.ID] {
			t.Errorf("format %+v is incomplete or listed twice", f.ID)
		}
		seen[f.ID] = true
		f.Sniff("", nil) // must never panic, even on nothing
	}
}
