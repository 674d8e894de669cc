package service

import (
	"context"
	"fmt"
	"sync"
)

// passwordOps are the cloud sync password operations running (setup, enter,
// change). Each may spend seconds in a key derivation; locking the vault
// cancels them instead of waiting, and none starts while it locks.
type passwordOps struct {
	mu      sync.Mutex
	cancels map[int]context.CancelFunc
	next    int
	locking bool
}

// start registers an operation and returns its context and the function
// that ends it. Once Lock has begun, none starts.
func (p *passwordOps) start(ctx context.Context) (context.Context, func(), error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.locking {
		return nil, nil, ErrVaultLocked
	}
	ctx, cancel := context.WithCancel(ctx)
	if p.cancels == nil {
		p.cancels = map[int]context.CancelFunc{}
	}
	id := p.next
	p.next++
	p.cancels[id] = cancel
	return ctx, func() {
		p.mu.Lock()
		delete(p.cancels, id)
		p.mu.Unlock()
		cancel()
	}, nil
}

// cancel ends the operations running and holds new ones off until done.
func (p *passwordOps) cancel() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.locking = true
	for _, c := range p.cancels {
		c()
	}
}

// done lets operations start again.
func (p *passwordOps) done() {
	p.mu.Lock()
	p.locking = false
	p.mu.Unlock()
}

// lockedInstead says the vault was locked when that, not the caller, ended
// an operation.
func lockedInstead(ctx, opCtx context.Context, err error) error {
	if opCtx.Err() != nil && ctx.Err() == nil {
		return fmt.Errorf("%w (%v)", ErrVaultLocked, err)
	}
	return err
}
