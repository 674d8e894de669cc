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
// recover`: in the app that button is the way to rebuild it.
func explainedUnlock(err error) error {
	var d *service.DamagedError
	if !errors.As(err, &d) || d.Recovery == nil {
		return explained(err)
	}
	msg, _ := service.Explain(err)
	hint := "choose Recover… to rebuild it from every copy that is still intact: " + d.Recovery.Summary
	return errors.New(sentence(msg) + "\nhint: " + sentence(hint))
}
