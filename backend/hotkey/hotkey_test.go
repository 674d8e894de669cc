package hotkey

import (
	"errors"
	"testing"
)

func TestParseAndString(t *testing.T) {
	for in, want := range map[string]string{
		"Ctrl+Shift+Space":  "Ctrl+Shift+Space",
		"shift + ctrl + a":  "Ctrl+Shift+A",
		"⌘⇧Space":           "",
		"Cmd+Shift+space":   "Shift+Cmd+Space",
		"Alt+7":             "Alt+7",
		"control+option+P":  "Ctrl+Alt+P",
		"Super+Shift+Space": "Shift+Cmd+Space",
	} {
		s, err := Parse(in)
		if want == "" {
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("Parse(%q) = %v, %v; want ErrInvalid", in, s, err)
			}
			continue
		}
		if err != nil || s.String() != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, s, err, want)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	for _, in := range []string{"", "Space", "Shift+A", "Ctrl+Ctrl+A", "Ctrl+F5", "Ctrl+", "Hyper+A", "Ctrl+Shift+Space+A"} {
		if _, err := Parse(in); !errors.Is(err, ErrInvalid) {
			t.Errorf("Parse(%q) = %v, want ErrInvalid", in, err)
		}
	}
}

func TestDefaultParses(t *testing.T) {
	if s, err := Parse(Default().String()); err != nil || s != Default() {
		t.Fatalf("Default %v does not parse back: %v, %v", Default(), s, err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"Ctrl+Shift+Space", "Cmd+A", "alt + 1", "+", "Ctrl++"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := Parse(in)
		if err != nil {
			return
		}
		again, err := Parse(s.String())
		if err != nil || again != s {
			t.Fatalf("%q parsed to %v, which prints %q and parses to %v, %v", in, s, s.String(), again, err)
		}
	})
}
