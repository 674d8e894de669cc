package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// On a terminal the value is asked for with a prompt naming the field and
// read without echo; a pipe is read to the end. (The tests of the binary
// cover pipes; a terminal needs this fake.)
func TestStdinValueOnATerminal(t *testing.T) {
	var prompt bytes.Buffer
	typed := 0
	s := &stdinValue{terminal: true, prompt: &prompt, readHidden: func() ([]byte, error) {
		typed++
		return []byte("typed secret"), nil
	}}
	v, err := s.value("Password")
	if err != nil || v != "typed secret" || typed != 1 {
		t.Fatalf("value = %q, %v after %d reads", v, err, typed)
	}
	if prompt.String() != "Password (not shown): \n" {
		t.Errorf("prompt = %q", prompt.String())
	}
	if _, err := s.value("Notes"); err == nil || !strings.Contains(err.Error(), "Password already is") {
		t.Errorf("second value = %v", err)
	}
}

func TestStdinValueFromAPipe(t *testing.T) {
	for in, want := range map[string]string{"a\n": "a", "a\r\n": "a", "a\n\n": "a\n", "a": "a", "\r": "\r", " x \n": " x "} {
		s := &stdinValue{r: strings.NewReader(in)}
		if v, err := s.value("F"); err != nil || v != want {
			t.Errorf("value of %q = %q, %v; want %q", in, v, err, want)
		}
	}
	s := &stdinValue{r: strings.NewReader(strings.Repeat("x", maxStdinValue+1))}
	var ce *cliError
	if _, err := s.value("Note"); !errors.As(err, &ce) || ce.code != exitInvalid || !strings.Contains(ce.msg, "over 16 MB") {
		t.Errorf("oversized value: %v", err)
	}
}

// FuzzFieldDefs: a label:kind argument is refused, or gives a known kind
// and the label before the last colon, trimmed.
func FuzzFieldDefs(f *testing.F) {
	for _, s := range []string{"A", "A:", "A:text", "Admin URL:url", "a:b:secret", ":text", "x:WEIRD"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, arg string) {
		defs, err := fieldDefs([]string{arg})
		if err != nil {
			return
		}
		i := strings.LastIndex(arg, ":")
		if len(defs) != 1 || !defs[0].Kind.Valid() || defs[0].Label != strings.TrimSpace(arg[:i]) {
			t.Fatalf("fieldDefs(%q) = %+v", arg, defs)
		}
	})
}

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"plain – ünïcode ☕": "plain – ünïcode ☕",
		"a\nb\tc":           `a\nb\tc`,
		"gpj.\u202eexe":     `gpj.\u202eexe`,
		"x\x1b[31m\u2028":   `x\x1b[31m\u2028`,
	} {
		if got := oneLine(in); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", in, got, want)
		}
	}
}
