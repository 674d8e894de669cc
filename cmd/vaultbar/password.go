package main

import (
	"bytes"
	"fmt"
	"os"

	"golang.org/x/term"

	"vaultbar/backend/passgen"
)

// ttyPrompter asks for a password on the terminal without echo.
type ttyPrompter interface {
	ReadPassword(prompt string) ([]byte, error)
	Close() error
}

type tty struct{ f *os.File }

// openTTY opens the controlling terminal itself, not stdin, so a password
// prompt works while stdin or stdout is a pipe.
func openTTY() (ttyPrompter, error) {
	f, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	return tty{f}, nil
}

func (t tty) ReadPassword(prompt string) ([]byte, error) {
	fmt.Fprint(t.f, prompt)
	pw, err := term.ReadPassword(int(t.f.Fd()))
	fmt.Fprintln(t.f)
	return pw, err
}

func (t tty) Close() error { return t.f.Close() }

// password returns $VAULTBAR_PASSWORD or asks for it on the terminal.
func (e *env) password(prompt string) ([]byte, error) {
	if pw := e.getenv(envPassword); pw != "" {
		return []byte(pw), nil
	}
	return e.prompt(prompt, envPassword)
}

func (e *env) prompt(prompt, envName string) ([]byte, error) {
	t, err := e.tty()
	if err != nil {
		return nil, failure(exitGeneral, "there is no terminal to ask for the password").
			withHint("set " + envName + " to the password, or run vaultbar in a terminal")
	}
	defer t.Close()
	pw, err := t.ReadPassword(prompt)
	if err != nil {
		return nil, fmt.Errorf("read the password: %w", err)
	}
	return pw, nil
}

// newPassword returns a new login password: from envName if set, else
// typed twice. Its strength is shown, and a very weak one refused.
func (e *env) newPassword(envName, what string) ([]byte, error) {
	pw := []byte(e.getenv(envName))
	if len(pw) == 0 {
		var err error
		if pw, err = e.typedTwice(envName, what); err != nil {
			return nil, err
		}
	}
	s := passgen.Estimate(string(pw))
	fmt.Fprintf(e.stderr, "Password strength: %s (about %d bits)\n", s.Label, s.Bits)
	if s.Score == 0 {
		wipe(pw)
		return nil, failure(exitInvalid, "this password is too easy to guess").
			withHint("use at least 12 characters mixing words, digits and symbols, or a passphrase of four or more words")
	}
	return pw, nil
}

func (e *env) typedTwice(envName, what string) ([]byte, error) {
	pw, err := e.prompt(what+": ", envName)
	if err != nil {
		return nil, err
	}
	again, err := e.prompt("Type it again: ", envName)
	if err != nil {
		return nil, err
	}
	defer wipe(again)
	if !bytes.Equal(pw, again) {
		wipe(pw)
		return nil, failure(exitInvalid, "the two passwords are not the same").withHint("type the same password twice")
	}
	return pw, nil
}
