package main

import (
	"errors"

	"vaultbar/backend/service"
)

// RecoverReport is what recovering a damaged vault did or would do: the
// sentence to show and its parts (service.Recovery, named for the bindings).
type RecoverReport = service.Recovery

// PreviewRecover says what recovering the vault would bring back, from
// where, and what may be missing, changing nothing: the lock screen's
// report before the person confirms.
func (v *VaultAPI) PreviewRecover(password string) (RecoverReport, error) {
	return orExplain(v.svc.Recover([]byte(password), true))
}

// Recover rebuilds a damaged vault from every copy that still opens with
// the login password and unlocks it. Damaged files are kept beside the
// vault, never deleted.
func (v *VaultAPI) Recover(password string) (RecoverReport, error) {
	return orExplain(v.svc.Recover([]byte(password), false))
}

// explainedUnlock is explained, except that a damaged vault's hint names
// the lock screen's Recover… button, where the CLI's names `vaultbar
// recover` (cmd/vaultbar/recover.go's recoverHint): in the app that button
// is the way to rebuild it. A file of a newer format may be damage too (a
// flipped version byte); the lock screen offers Recover… only if the
// preview finds damage.
func explainedUnlock(err error) error {
	var d *service.DamagedError
	switch {
	case errors.As(err, &d) && d.Recovery != nil:
		return withAppHint(err, "choose Recover… to rebuild it from every copy that is still intact: "+d.Recovery.Summary)
	case errors.Is(err, service.ErrNewerVersion):
		return withAppHint(err, "update Vaultbar to open it; if no newer Vaultbar ever saved it, the file is damaged: choose Recover… to rebuild the vault from the other copies")
	}
	return explained(err)
}

// withAppHint is explained with hint in place of service.Explain's.
func withAppHint(err error, hint string) error {
	msg, _ := service.Explain(err)
	return errors.New(sentence(msg) + "\nhint: " + sentence(hint))
}
