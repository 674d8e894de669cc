package syncer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"vaultbar/backend/format"
	"vaultbar/backend/syncfolder"
)

// Errors of the password operations that callers branch on.
var (
	// ErrOldSyncPassword is a password that opens only an epoch a later
	// password change replaced. It is a wrong password too.
	ErrOldSyncPassword = fmt.Errorf("%w: it is an earlier one, changed since", ErrWrongSyncPassword)
	// ErrKeyFileMissing means the folder holds sync data but not the key
	// file it was written under: deleted, or not copied here yet.
	ErrKeyFileMissing = errors.New("the sync folder holds sync data whose key file is missing")
	// ErrChangedMeanwhile means the key files changed while a password
	// was being checked.
	ErrChangedMeanwhile = errors.New("the cloud sync password was changed while this one was being checked; try again")

	// ErrKeyFileDamaged means the password opens a key file whose sealed
	// body is damaged.
	ErrKeyFileDamaged = errors.New("the sync key file this password opens is damaged")
	// ErrSamePassword is a new cloud sync password that is the one in use.
	ErrSamePassword = errors.New("the new cloud sync password is the one in use")

	errEmptyPassword = errors.New("the cloud sync password can't be empty")
)

// maxTries bounds the key files a password is tried on: each costs a key
// derivation.
const maxTries = 8

// Setup sets the cloud sync password and syncs. If no device has set up the
// folder yet, it creates the sync key with password (existing = false);
// otherwise it checks password against the key files before writing
// anything: a wrong one gives ErrWrongSyncPassword, one replaced by a
// password change ErrOldSyncPassword. A folder with sync data but no key
// file is not new: ErrKeyFileMissing. Key derivation runs outside the
// engine's lock and ends with ctx.
func (e *Engine) Setup(ctx context.Context, password string) (existing bool, err error) {
	if password == "" {
		return false, errEmptyPassword
	}
	o, c, err := e.unlockWith(ctx, password)
	switch {
	case err != nil:
		return true, err
	case o != nil:
		return true, e.adopt(ctx, c, o)
	case c.inUse:
		return true, ErrKeyFileMissing
	}
	return false, e.create(ctx, password)
}

// EnterPassword takes the cloud sync password after another device changed
// it, then syncs: edits made here meanwhile are published under the new one.
// The password this device had, or any other that does not open a key file
// made by a holder of this device's key, is refused.
func (e *Engine) EnterPassword(ctx context.Context, password string) error {
	if password == "" {
		return errEmptyPassword
	}
	o, c, err := e.unlockWith(ctx, password)
	switch {
	case err != nil:
		return err
	case o != nil:
		return e.adopt(ctx, c, o)
	case c.inUse:
		return ErrKeyFileMissing
	}
	return ErrNoSyncData
}

// keyChoice is what a password is tried on, as of one scan.
type keyChoice struct {
	epoch   uint64 // this device's epoch; 0 before setup
	ourKey  []byte // its data key, which a later key file must carry
	tries   []*keyEntry
	current *keyEntry // this device's key file: tried when no change waits, else to tell an old password
	all     []*keyEntry
	pending []syncfolder.Pending
	inUse   bool   // the folder holds key files or device files
	topData uint64 // highest epoch a device file is named with
}

func (c *keyChoice) empty() bool { return len(c.tries) == 0 && len(c.pending) == 0 }

// unlockWith finds the key file password opens, waiting for key files
// still downloading when none here does. o is nil when the folder has no
// key file at all.
func (e *Engine) unlockWith(ctx context.Context, password string) (*opened, *keyChoice, error) {
	for {
		c, err := e.chooseKeys()
		if err != nil || c.empty() {
			return nil, c, err
		}
		o, err := e.tryKeys(ctx, c, password)
		if err == nil || len(c.pending) == 0 || !(errors.Is(err, ErrWrongSyncPassword) || errors.Is(err, ErrKeyFileMissing)) {
			return o, c, err
		}
		if err := e.awaitKeys(ctx, c.pending); err != nil {
			return nil, c, err
		}
	}
}

func (e *Engine) awaitKeys(ctx context.Context, pending []syncfolder.Pending) error {
	for _, p := range pending {
		e.folder.Download(p)
	}
	select {
	case <-ctx.Done():
		return fmt.Errorf("%w (%v)", ErrDownloading, ctx.Err())
	case <-time.After(e.cfg.PollInterval):
		return nil
	}
}

// chooseKeys scans the key files under the engine's lock and orders what a
// password is tried on. A device that syncs tries later key files chained
// to its key first, then later ones it can't check (it may have missed a
// change in between); with no change waiting, its own key file first. A
// new device tries those of the data's epochs first (dataFirst).
func (e *Engine) chooseKeys() (*keyChoice, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.halted {
		return nil, ErrNewerFormat
	}
	l, err := e.folder.Scan()
	if err != nil {
		return nil, e.fail(err)
	}
	v, err := e.scanKeys(l)
	if err != nil {
		return nil, err
	}
	c := &keyChoice{all: v.files, pending: v.pending, inUse: inUse(l), topData: topDataEpoch(l)}
	if e.st == nil {
		c.tries = dataFirst(v.files, c.topData)
	} else {
		e.chooseAbove(c, v)
	}
	c.tries = c.tries[:min(len(c.tries), maxTries)]
	return c, nil
}

func (e *Engine) chooseAbove(c *keyChoice, v *keyView) {
	c.epoch = e.st.Epoch
	if k := e.keys[c.epoch]; k != nil {
		c.ourKey = bytes.Clone(k.Bytes())
	}
	c.current = e.currentKey(v)
	var unchecked []*keyEntry
	for _, ke := range v.files {
		if ke.kf.Epoch > c.epoch && !slices.Contains(v.newer, ke) {
			unchecked = append(unchecked, ke)
		}
	}
	c.tries = newestFirst(v.newer)
	if len(v.newer) == 0 && c.current != nil {
		c.tries = append(c.tries, c.current)
	}
	c.tries = append(c.tries, newestFirst(unchecked)...)
}

// currentKey is the key file of this device's epoch: as kept in the vault
// (what the folder holds under its name may have been replaced), or in the
// folder for a state kept before the vault held it.
func (e *Engine) currentKey(v *keyView) *keyEntry {
	kf, err := format.ParseKeyFile(e.st.KeyFile)
	if err != nil {
		return v.current
	}
	return &keyEntry{name: format.KeyName{Epoch: kf.Epoch, Device: kf.Device}, raw: e.st.KeyFile, kf: kf}
}

// dataFirst orders key files for a new device: those of epochs that device
// files are written under (the newest first), then the rest, newest first.
// Anyone can add key files of later epochs, and each try costs a key
// derivation, so those of the data come before the cap.
func dataFirst(list []*keyEntry, topData uint64) []*keyEntry {
	out := newestFirst(list)
	slices.SortStableFunc(out, func(a, b *keyEntry) int {
		return boolInt(a.kf.Epoch > topData) - boolInt(b.kf.Epoch > topData)
	})
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func newestFirst(list []*keyEntry) []*keyEntry {
	out := slices.Clone(list)
	slices.SortFunc(out, func(a, b *keyEntry) int {
		if a.name.After(b.name) {
			return -1
		}
		return 1
	})
	return out
}

// tryKeys tries password on c's key files in order, without the engine's
// lock: each try is a key derivation that may take seconds.
func (e *Engine) tryKeys(ctx context.Context, c *keyChoice, password string) (*opened, error) {
	damaged := false
	for _, ke := range c.tries {
		o, err := e.tryKey(ctx, ke, password)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		damaged = damaged || errors.Is(err, errDamagedKeyFile)
		if err != nil || !c.accepts(o) {
			continue
		}
		if err := c.superseded(o); err != nil {
			o.wipe()
			return nil, err
		}
		if err := e.notOld(ctx, c, o, password); err != nil {
			o.wipe()
			return nil, err
		}
		return o, nil
	}
	if damaged {
		return nil, ErrKeyFileDamaged
	}
	return nil, e.whyNot(ctx, c, password)
}

func (e *Engine) tryKey(ctx context.Context, ke *keyEntry, password string) (*opened, error) {
	pk, err := e.derive(ctx, password, ke.kf.Salt, ke.kf.KDF)
	if err != nil {
		return nil, err
	}
	defer pk.Wipe()
	return openKeyFile(pk, ke.raw, ke.kf)
}

// accepts reports whether a device may move to key file o: one of its own
// epoch is the one it has; a later one must carry this device's key, so it
// was made by someone who held it. A new device takes what opens and is
// whole.
func (c *keyChoice) accepts(o *opened) bool {
	if c.epoch == 0 && !selfChained(o) {
		o.wipe()
		return false
	}
	if c.epoch == 0 || o.kf.Epoch == c.epoch {
		return true
	}
	k := o.keys[c.epoch]
	ok := o.kf.Epoch > c.epoch && k != nil && c.ourKey != nil && bytes.Equal(k.Bytes(), c.ourKey)
	if !ok {
		o.wipe()
	}
	return ok
}

// selfChained reports whether an opened key file is whole: a folder's first,
// or one carrying the key it chains to. A real change always does.
func selfChained(o *opened) bool {
	return o.kf.Version < 2 || o.kf.Prev == 0 || chainedTo(o.kf, o.keys[o.kf.Prev])
}

// superseded refuses, for a new device, a key file that a later one
// replaced (chained to its key), or sync data of a later epoch than it.
func (c *keyChoice) superseded(o *opened) error {
	if c.epoch != 0 {
		return nil
	}
	for _, ke := range c.all {
		if ke.kf.Epoch > o.kf.Epoch && ke.kf.Prev == o.kf.Epoch && chainedTo(ke.kf, o.keys[o.kf.Epoch]) {
			return ErrOldSyncPassword
		}
	}
	if c.topData > o.kf.Epoch {
		return ErrKeyFileMissing
	}
	return nil
}

// notOld refuses a password that also opens the key file o replaced. A
// real change never keeps the password (ChangePassword refuses that), so
// such a file was made by someone holding the old password and key: a
// fork that only they would share.
func (e *Engine) notOld(ctx context.Context, c *keyChoice, o *opened, password string) error {
	for _, ke := range c.replaced(o) {
		old, err := e.tryKey(ctx, ke, password)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err == nil {
			old.wipe()
			return ErrOldSyncPassword
		}
	}
	return nil
}

// replaced lists the key files o replaced: a device's current one, or for
// a new device those of the epoch before o's sealed by the key o carries
// for it (at most two: each try is a key derivation).
func (c *keyChoice) replaced(o *opened) []*keyEntry {
	if o.kf.Prev == 0 {
		return nil
	}
	if c.epoch != 0 {
		if c.current != nil && o.kf.Epoch > c.epoch {
			return []*keyEntry{c.current}
		}
		return nil
	}
	var out []*keyEntry
	for _, ke := range c.all {
		if len(out) < 2 && ke.kf.Epoch == o.kf.Prev && sealedBy(ke.kf, o.keys[o.kf.Prev]) {
			out = append(out, ke)
		}
	}
	return out
}

// whyNot says why password opened nothing: it is the one this device had
// before a change, or no key file of the newest data is here, or it is
// wrong.
func (e *Engine) whyNot(ctx context.Context, c *keyChoice, password string) error {
	if c.current != nil && !slices.Contains(c.tries, c.current) {
		if o, err := e.tryKey(ctx, c.current, password); err == nil {
			o.wipe()
			return ErrOldSyncPassword
		}
	}
	top := uint64(0)
	for _, ke := range c.all {
		top = max(top, ke.kf.Epoch)
	}
	if c.epoch == 0 && c.topData > top {
		return ErrKeyFileMissing
	}
	return ErrWrongSyncPassword
}

// adopt takes the keys of an opened key file and syncs. What was read from
// other devices is kept, and the keys of earlier epochs, so files that
// lagging devices wrote before the change stay readable.
func (e *Engine) adopt(ctx context.Context, c *keyChoice, o *opened) error {
	defer o.wipe()
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.halted {
		return ErrNewerFormat
	}
	st := &state{Peers: map[string]*peer{}, Keys: map[uint64][]byte{}}
	if e.st != nil {
		if e.st.Epoch != c.epoch || o.kf.Epoch < e.st.Epoch {
			return ErrChangedMeanwhile // never go back to a lower epoch
		}
		st = e.st.clone()
	}
	st.Epoch, st.KeyDevice, st.KeyFile = o.kf.Epoch, o.kf.Device, bytes.Clone(o.raw)
	for ep, k := range o.keys {
		if st.Keys[ep] == nil || ep == o.kf.Epoch {
			st.Keys[ep] = bytes.Clone(k.Bytes())
		}
	}
	st.addCutoffs(o.cutoffs)
	if o.kf.Prev != 0 {
		st.setDigests(o.digests)
	}
	return e.install(ctx, st)
}

// install makes st the engine's state, saves it and syncs.
func (e *Engine) install(ctx context.Context, st *state) error {
	if err := e.load(st); err != nil {
		return err
	}
	if err := e.save(); err != nil {
		return err
	}
	return e.firstSync(ctx)
}

// clone copies the state deeply enough for adopt to change it.
func (st *state) clone() *state {
	c := *st
	c.Keys = maps.Clone(st.Keys)
	if c.Keys == nil {
		c.Keys = map[uint64][]byte{}
	}
	c.Cutoffs = map[uint64]map[string]uint64{}
	for ep, cut := range st.Cutoffs {
		c.Cutoffs[ep] = maps.Clone(cut)
	}
	c.Digests = maps.Clone(st.Digests)
	return &c
}
