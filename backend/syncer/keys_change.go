package syncer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
	"vaultbar/backend/syncfolder"
)

// create sets up a new folder: the first key file, the only unchained one.
func (e *Engine) create(ctx context.Context, password string) error {
	kdf := e.kdf()
	salt, err := crypto.NewSalt()
	if err != nil {
		return err
	}
	pk, err := e.derive(ctx, password, salt, kdf)
	if err != nil {
		return err
	}
	defer pk.Wipe()
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.halted {
		return ErrNewerFormat
	}
	if l, err := e.folder.Scan(); err != nil {
		return e.fail(err)
	} else if inUse(l) {
		return ErrChangedMeanwhile // another device set the folder up meanwhile
	}
	return e.createLocked(ctx, pk, kdf, salt)
}

func (e *Engine) createLocked(ctx context.Context, pk *crypto.Key, kdf crypto.KDFParams, salt []byte) error {
	dk, err := crypto.NewKey()
	if err != nil {
		return err
	}
	defer dk.Wipe()
	raw := buildKeyFile(pk, dk, keySpec{epoch: 1, dev: e.dev, kdf: kdf, salt: salt})
	if err := e.folder.Write(e.folder.KeyPath(format.KeyName{Epoch: 1, Device: e.dev}.String()), raw); err != nil {
		return e.fail(err)
	}
	st := &state{Epoch: 1, KeyDevice: e.dev, Keys: map[uint64][]byte{1: bytes.Clone(dk.Bytes())}, Peers: map[string]*peer{}}
	st.KeyFile = raw
	if e.st != nil {
		st.Seq, st.Peers, st.Manual = e.st.Seq, e.st.Peers, e.st.Manual
	}
	return e.install(ctx, st)
}

// firstSync syncs right after a password was accepted. The password stands
// whatever the sync does; only a newer format is worth failing for, since
// anything else (a slow folder, a cancelled context) shows in the status
// and is retried by the scheduler.
func (e *Engine) firstSync(ctx context.Context) error {
	if err := e.syncLocked(ctx); errors.Is(err, ErrNewerFormat) {
		return err
	}
	return nil
}

func (e *Engine) kdf() crypto.KDFParams {
	if e.cfg.TestKDF != nil {
		return *e.cfg.TestKDF
	}
	return crypto.Calibrate(500 * time.Millisecond)
}

// ChangePassword replaces the cloud sync password: a new random data key
// under the next epoch, in a key file chained to the current key and
// carrying the cutoffs that end the older epochs; this device's data is
// republished under it and its older files removed. Other devices need the
// new password next; anything written under an older one after now is not
// accepted.
func (e *Engine) ChangePassword(ctx context.Context, password string) error {
	if password == "" {
		return errEmptyPassword
	}
	epoch, cur, err := e.beforeChange()
	if err != nil {
		return err
	}
	if err := e.notSame(ctx, cur, password); err != nil {
		return err
	}
	kdf := e.kdf()
	salt, err := crypto.NewSalt()
	if err != nil {
		return err
	}
	pk, err := e.derive(ctx, password, salt, kdf)
	if err != nil {
		return err
	}
	defer pk.Wipe()
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.ready(); err != nil {
		return err
	}
	if e.st.Epoch != epoch {
		return ErrChangedMeanwhile
	}
	return e.changeLocked(ctx, pk, kdf, salt)
}

// beforeChange reads what other devices wrote, so the cutoffs keep it, and
// refuses a change while another one waits for its password.
func (e *Engine) beforeChange() (uint64, *keyEntry, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.ready(); err != nil {
		return 0, nil, err
	}
	l, err := e.listing()
	if err != nil {
		return 0, nil, err
	}
	if err := e.pull(l); err != nil {
		return 0, nil, e.fail(err)
	}
	return e.st.Epoch, e.currentKey(e.kr.view), nil
}

// notSame refuses a new password that opens the current key file: keeping
// the password would revoke nothing, and other devices would take the
// change for a fork by a holder of the old one.
func (e *Engine) notSame(ctx context.Context, cur *keyEntry, password string) error {
	if cur == nil {
		return nil
	}
	o, err := e.tryKey(ctx, cur, password)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err == nil {
		o.wipe()
		return ErrSamePassword
	}
	return nil
}

func (e *Engine) changeLocked(ctx context.Context, pk *crypto.Key, kdf crypto.KDFParams, salt []byte) error {
	prev := e.keys[e.st.Epoch]
	if prev == nil {
		return fmt.Errorf("no sync key for epoch %d", e.st.Epoch)
	}
	next := e.st.Epoch + 1
	dk, err := crypto.NewKey()
	if err != nil {
		return err
	}
	l, err := e.folder.Scan()
	if err != nil {
		dk.Wipe()
		return e.fail(err)
	}
	body := format.KeyBody{Keys: bodyKeys(e.keys), Cutoffs: e.st.cutoffsFor(next, e.dev)}
	body.Digests = e.digestsFor(l, body.Cutoffs, next)
	raw := buildKeyFile(pk, dk, keySpec{epoch: next, prev: e.st.Epoch, dev: e.dev, kdf: kdf, salt: salt, body: body, prevKey: prev})
	if err := e.folder.Write(e.folder.KeyPath(format.KeyName{Epoch: next, Device: e.dev}.String()), raw); err != nil {
		dk.Wipe()
		return e.fail(err)
	}
	e.st.Epoch, e.st.KeyDevice, e.st.KeyFile = next, e.dev, raw
	e.st.Keys[next] = bytes.Clone(dk.Bytes())
	e.keys[next] = dk
	e.st.addCutoffs(body.Cutoffs)
	e.st.setDigests(body.Digests)
	if err := e.save(); err != nil {
		return err
	}
	return e.firstSync(ctx)
}

// inUse reports whether some device has set up the folder: a key file, or
// a device's sync file (a folder whose key files were deleted is not new).
func inUse(l *syncfolder.Listing) bool {
	if l.Exists() {
		return true
	}
	for _, d := range l.Devices {
		for _, f := range d.Files {
			if _, ok := format.ParseSyncName(f.Name); ok {
				return true
			}
		}
		if len(d.Pending) > 0 {
			return true
		}
	}
	return false
}

// topDataEpoch is the highest epoch a device's sync file is named with.
func topDataEpoch(l *syncfolder.Listing) uint64 {
	var top uint64
	for _, d := range l.Devices {
		for _, f := range d.Files {
			if n, ok := format.ParseSyncName(f.Name); ok {
				top = max(top, n.Epoch)
			}
		}
	}
	return top
}
