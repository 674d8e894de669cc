package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"
)

// maxStdinValue bounds one value read from standard input: far above any
// note a person keeps, far below what would exhaust memory if a file or
// device is piped in by mistake.
const maxStdinValue = 16 << 20

// stdinValue reads the one value a command line gives as "-" (label=- or
// --notes -) from standard input, so secrets and long notes need not be
// command-line arguments, which other users see in ps and which the shell
// keeps in its history and limits to 128 KB. On a terminal it prompts and
// reads without echo; from a pipe it reads to the end and drops one
// trailing line break.
type stdinValue struct {
	r          io.Reader
	terminal   bool
	readHidden func() ([]byte, error)
	prompt     io.Writer
	taken      string // what already took standard input
}

func newStdinValue(prompt io.Writer) *stdinValue {
	fd := int(os.Stdin.Fd())
	return &stdinValue{r: os.Stdin, terminal: term.IsTerminal(fd), prompt: prompt,
		readHidden: func() ([]byte, error) { return term.ReadPassword(fd) }}
}

// value returns the value for what (a field label or "Notes").
func (s *stdinValue) value(what string) (string, error) {
	if s.taken != "" {
		return "", usageError("only one value can be read from standard input, and %s already is", s.taken).
			withHint("give the other values on the command line, or run `vaultbar edit` once for each")
	}
	s.taken = what
	b, err := s.read(what)
	if err != nil {
		return "", err
	}
	v := string(b)
	if v == "" {
		return "", failure(exitInvalid, "standard input gave no value for %s", what).
			withHint("pipe the value in (e.g. `pbpaste | vaultbar ...`) or type it at the prompt; `label=` with nothing after the = clears a field")
	}
	return v, nil
}

func (s *stdinValue) read(what string) ([]byte, error) {
	if s.terminal {
		fmt.Fprintf(s.prompt, "%s (not shown): ", what)
		b, err := s.readHidden()
		fmt.Fprintln(s.prompt)
		if err != nil {
			return nil, failure(exitGeneral, "%s could not be read from the terminal (%v)", what, err).
				withHint("try again, or pipe the value in")
		}
		return b, nil
	}
	b, err := io.ReadAll(io.LimitReader(s.r, maxStdinValue+1))
	switch {
	case err != nil && !errors.Is(err, io.EOF):
		return nil, failure(exitGeneral, "%s could not be read from standard input (%v)", what, err).
			withHint("pipe the value in from a file or command, e.g. `vaultbar ... < file`, or run vaultbar in a terminal to type it")
	case len(b) > maxStdinValue:
		return nil, failure(exitInvalid, "the value for %s on standard input is over %d MB", what, maxStdinValue>>20).
			withHint("keep large files outside the vault and store where they are")
	}
	return trimLineBreak(b), nil
}

// trimLineBreak drops the one line break that `echo` and editors put at
// the end, so `echo secret | vaultbar add ... password=-` stores "secret".
func trimLineBreak(b []byte) []byte {
	if t, ok := bytes.CutSuffix(b, []byte("\n")); ok {
		return bytes.TrimSuffix(t, []byte("\r"))
	}
	return b
}
