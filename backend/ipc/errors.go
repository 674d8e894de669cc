package ipc

import (
	"errors"

	"vaultbar/backend/model"
	"vaultbar/backend/service"
	"vaultbar/backend/syncer"
)

// Errors callers branch on.
var (
	ErrNotRunning  = errors.New("the Vaultbar app is not running")
	ErrAppLocked   = errors.New("the Vaultbar app is locked")
	ErrDenied      = errors.New("the Vaultbar app did not allow this terminal")
	ErrUnsupported = errors.New("this command can't run while the Vaultbar app is open")
	ErrVersion     = errors.New("the Vaultbar app is another version than this command")
	ErrBadRequest  = errors.New("the Vaultbar app could not read the request")
	ErrPeer        = errors.New("the other end of the socket is another user")
	ErrAnotherApp  = errors.New("another Vaultbar app serves this data folder")
)

// Explain words this package's errors for the CLI, and the others as
// service.Explain does.
func Explain(err error) (msg, hint string) {
	var re *RemoteError
	switch {
	case errors.As(err, &re):
		return re.Msg, re.Hint
	case errors.Is(err, ErrAppLocked), errors.Is(err, service.ErrVaultLocked):
		return "Vaultbar is open and locked", "unlock it in the Vaultbar window or from the menu bar, then run the command again"
	case errors.Is(err, ErrDenied):
		return "the Vaultbar app did not allow this terminal", "run the command again and choose Allow in the Vaultbar window"
	case errors.Is(err, ErrUnsupported):
		return "this command can't run while the Vaultbar app is open", "do it in the app, or quit the app and run the command again"
	case errors.Is(err, ErrVersion):
		return "the Vaultbar app is another version than this command", "use the vaultbar command that came with the app, or quit the app"
	case errors.Is(err, ErrBadRequest):
		return "the Vaultbar app could not read the request", "use the vaultbar command that came with the app"
	case errors.Is(err, ErrPeer):
		return "the Vaultbar socket belongs to another user", "run the command as the user the app runs as"
	}
	return service.Explain(err)
}

// WireError is an error as it crosses the socket: the sentence and hint the
// server worded, and a code the client turns back into the sentinel (or
// *model.AmbiguousError) that the CLI's exit codes branch on.
type WireError struct {
	Code    string   `json:"code,omitempty"`
	Msg     string   `json:"msg"`
	Hint    string   `json:"hint,omitempty"`
	Query   string   `json:"query,omitempty"`   // code "ambiguous"
	Matches []string `json:"matches,omitempty"` // code "ambiguous"
}

// RemoteError is an error the app returned. errors.Is and errors.As see
// the sentinel its code names, so callers branch as on a local error.
type RemoteError struct {
	WireError
	cause error
}

func (e *RemoteError) Error() string { return e.Msg }
func (e *RemoteError) Unwrap() error { return e.cause }

// codes maps wire codes to sentinels; the first that matches an error
// names it, so the ipc sentinels come first.
var codes = []struct {
	code string
	err  error
}{
	{"app_locked", ErrAppLocked},
	{"app_locked", service.ErrVaultLocked},
	{"denied", ErrDenied},
	{"unsupported", ErrUnsupported},
	{"version", ErrVersion},
	{"bad_request", ErrBadRequest},
	{"wrong_password", service.ErrWrongPassword},
	{"no_vault", service.ErrNoVault},
	{"newer_version", service.ErrNewerVersion},
	{"not_found", model.ErrNotFound},
	{"invalid", model.ErrInvalid},
	{"duplicate", model.ErrDuplicate},
	{"sync_not_set_up", syncer.ErrNotSetUp},
	{"sync_wrong_password", syncer.ErrWrongSyncPassword},
	{"sync_newer", syncer.ErrNewerFormat},
	{"sync_needs_password", syncer.ErrNeedsPassword},
}

// toWire words err for the client.
func toWire(err error) *WireError {
	msg, hint := Explain(err)
	w := &WireError{Msg: msg, Hint: hint}
	var amb *model.AmbiguousError
	if errors.As(err, &amb) {
		w.Code, w.Query, w.Matches = "ambiguous", amb.Query, amb.Matches
		return w
	}
	for _, c := range codes {
		if errors.Is(err, c.err) {
			w.Code = c.code
			break
		}
	}
	return w
}

// fromWire rebuilds the error the server sent.
func fromWire(w *WireError) error {
	re := &RemoteError{WireError: *w}
	if w.Code == "ambiguous" {
		re.cause = &model.AmbiguousError{Query: w.Query, Matches: w.Matches}
		return re
	}
	for _, c := range codes {
		if c.code == w.Code {
			re.cause = c.err
			break
		}
	}
	return re
}
