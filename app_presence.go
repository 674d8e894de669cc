package main

import (
	"context"
	"log"

	"vaultbar/backend/presence"
	"vaultbar/backend/service"
)

// awayLock locks the vault when the computer sleeps or its screen locks,
// if the preference (General → Lock when the computer sleeps or the
// screen locks) is on. The watching is backend/presence's.
type awayLock struct {
	svc    *service.VaultService
	prefs  *PrefsAPI
	cancel context.CancelFunc
}

func newAwayLock(svc *service.VaultService, prefs *PrefsAPI) *awayLock {
	return &awayLock{svc: svc, prefs: prefs}
}

func (a *awayLock) start(ctx context.Context) {
	ctx, a.cancel = context.WithCancel(ctx)
	if err := presence.LockWhenAway(ctx, presence.Default(), a.svc, a.prefs.lockWhenAway); err != nil {
		log.Printf("lock on sleep and screen lock: %v", err)
	}
}

func (a *awayLock) stop() {
	if a.cancel != nil {
		a.cancel()
	}
}

// lockWhenAway is the preference as last read or saved.
func (p *PrefsAPI) lockWhenAway() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.cur.LockWhenAway()
}
