package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"vaultbar/backend/service"
)

// The app's hint for a damaged vault names the lock screen's Recover…
// (which the frontend looks for), not the CLI's command, and keeps the
// report of what recovery brings back.
func TestUnlockHintNamesRecoverButton(t *testing.T) {
	err := &service.DamagedError{Err: errors.New("bad tag"),
		Recovery: &service.Recovery{Summary: "5 records from vault.vbv"}}
	got := explainedUnlock(err).Error()
	for _, want := range []string{"damaged", "\nhint: Choose Recover… to rebuild it", "5 records from vault.vbv."} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "vaultbar recover") {
		t.Errorf("%q names the CLI", got)
	}
}

// Without a copy that opens there is nothing to recover: the hint is
// service.Explain's, with no Recover… for the lock screen to offer.
func TestUnlockHintWithoutRecovery(t *testing.T) {
	err := &service.DamagedError{Err: errors.New("bad tag")}
	if got := explainedUnlock(err).Error(); strings.Contains(got, "Recover…") {
		t.Errorf("%q offers Recover… with nothing to recover", got)
	}
	if got := explainedUnlock(service.ErrWrongPassword).Error(); strings.Contains(got, "Recover…") {
		t.Errorf("%q offers Recover… for a wrong password", got)
	}
}

// A newer format may be a flipped version byte: the hint says update,
// else Recover… (the lock screen asks the preview whether it is damage).
func TestUnlockHintNewerVersion(t *testing.T) {
	got := explainedUnlock(fmt.Errorf("open: %w", service.ErrNewerVersion)).Error()
	for _, want := range []string{"newer version", "\nhint: Update Vaultbar", "choose Recover…"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
}
