package main

import (
	"errors"
	"fmt"

	"vaultbar/backend/ipc"
	"vaultbar/backend/model"
	"vaultbar/backend/service"
)

// Exit codes. They are part of the interface scripts rely on: never
// renumber one, only add.
const (
	exitOK            = 0
	exitGeneral       = 1  // anything not listed below
	exitUsage         = 2  // unknown command or flag, missing or extra arguments
	exitWrongPassword = 3  // the login password is not right
	exitNotFound      = 4  // no such record, group, type or backup
	exitInUse         = 5  // the vault is open in another Vaultbar process
	exitAmbiguous     = 6  // a name matches several records
	exitInvalid       = 7  // invalid input, a duplicate name, or a refused change
	exitDamaged       = 8  // the vault file is damaged
	exitNewerVersion  = 9  // the vault needs a newer Vaultbar
	exitNoVault       = 10 // no vault yet: run `vaultbar init`
	// 11 and up: sync (sync.go).
)

// exitCodeHooks give the exit codes of errors from commands added by other
// files (sync.go), so their codes live beside them.
var exitCodeHooks []func(error) (int, bool)

// cliError is an error the CLI words itself, with its hint and exit code.
type cliError struct {
	msg, hint string
	code      int
	err       error // the cause, if any
}

func (e *cliError) Error() string { return e.msg }
func (e *cliError) Unwrap() error { return e.err }

func failure(code int, format string, args ...any) *cliError {
	return &cliError{msg: fmt.Sprintf(format, args...), code: code}
}

func usageError(format string, args ...any) *cliError {
	return failure(exitUsage, format, args...)
}

func (e *cliError) withHint(h string) *cliError {
	e.hint = h
	return e
}

// hinted keeps an error's wording and exit code but replaces the hint with
// one that names a vaultbar command.
type hinted struct {
	err  error
	hint string
}

func (h *hinted) Error() string { return h.err.Error() }
func (h *hinted) Unwrap() error { return h.err }

func withHint(err error, hint string) error {
	if err == nil {
		return nil
	}
	return &hinted{err: err, hint: hint}
}

// report prints err as "error:" and "hint:" lines and returns its exit code.
func report(e *env, err error) int {
	msg, hint := explain(err)
	fmt.Fprintf(e.stderr, "error: %s\n", msg)
	if hint != "" {
		fmt.Fprintf(e.stderr, "hint: %s\n", hint)
	}
	return exitCode(err)
}

func explain(err error) (msg, hint string) {
	var ce *cliError
	if errors.As(err, &ce) && ce.err == nil {
		msg, hint = ce.msg, ce.hint
	} else {
		msg, hint = ipc.Explain(err) // service.Explain, and the app's answers
	}
	var h *hinted
	if errors.As(err, &h) {
		hint = h.hint
	}
	return msg, hint
}

func exitCode(err error) int {
	var ce *cliError
	if errors.As(err, &ce) {
		return ce.code
	}
	for _, h := range exitCodeHooks {
		if code, ok := h(err); ok {
			return code
		}
	}
	var amb *model.AmbiguousError
	var dmg *service.DamagedError
	switch {
	case errors.Is(err, service.ErrWrongPassword):
		return exitWrongPassword
	case errors.Is(err, service.ErrNoVault):
		return exitNoVault
	case errors.As(err, &amb):
		return exitAmbiguous
	case errors.Is(err, model.ErrNotFound):
		return exitNotFound
	case errors.Is(err, service.ErrInUse):
		return exitInUse
	case errors.As(err, &dmg):
		return exitDamaged
	case errors.Is(err, service.ErrNewerVersion):
		return exitNewerVersion
	case errors.Is(err, model.ErrInvalid), errors.Is(err, model.ErrDuplicate), errors.Is(err, service.ErrEmptyPassword),
		errors.Is(err, service.ErrVaultExists):
		return exitInvalid
	}
	return exitGeneral
}
