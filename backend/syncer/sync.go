package syncer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"vaultbar/backend/syncfolder"
)

// syncLocked is one sync: check keys, read, write. It never writes once it
// has seen anything it can't understand or decrypt for want of a password.
func (e *Engine) syncLocked(ctx context.Context) error {
	if err := e.ready(); err != nil {
		e.setIdle()
		return err
	}
	// The keys are checked before "syncing" is announced: a device waiting
	// for a password changed elsewhere keeps saying so through every
	// watched change and rescan, instead of flickering to "syncing" and back
	// while the person types the new password.
	l, err := e.listing()
	if err != nil {
		return err
	}
	e.status.update(func(s *Status) {
		s.State, s.Reason, s.Message = StateSyncing, ReasonNone, "Syncing with "+e.cfg.Provider+"…"
	})
	if err := ctx.Err(); err != nil {
		e.setIdle()
		return err
	}
	e.beginScan()
	if err := e.pull(l); err != nil {
		return e.fail(err)
	}
	if err := e.push(l); err != nil {
		return e.fail(err)
	}
	e.tendKeys(l)
	e.endScan()
	if err := e.rememberIgnored(); err != nil {
		return e.fail(err)
	}
	e.last = e.cfg.Clock.Now()
	if err := e.keepLast(); err != nil {
		return e.fail(err)
	}
	e.setIdle()
	return nil
}

// lastSyncEvery is how often the time of the last sync is saved in the
// vault when nothing else is: the status shows it across runs, a little
// stale at worst, without a vault write for every quiet rescan.
const lastSyncEvery = 10 * time.Minute

func (e *Engine) keepLast() error {
	if !e.st.LastSync.IsZero() && e.last.Sub(e.st.LastSync) < lastSyncEvery && e.last.After(e.st.LastSync) {
		return nil
	}
	e.st.LastSync = e.last
	return e.save()
}

// listing scans the folder and checks its keys: nothing is read or
// written under keys this device can't use.
func (e *Engine) listing() (*syncfolder.Listing, error) {
	l, err := e.folder.ScanKnown(e.known)
	if err != nil {
		return nil, e.fail(err)
	}
	if err := e.checkKeys(l); err != nil {
		return nil, err
	}
	return l, nil
}

// known reports whether dev is a device this one has read from.
func (e *Engine) known(dev string) bool {
	_, ok := e.st.Peers[dev]
	return ok || dev == e.dev
}

// checkKeys looks for a password change: a key file of a later epoch,
// chained to the key this device writes under. If there is one, stop until
// its password is entered. Key files not written by a device of yours are
// ignored, and reported.
func (e *Engine) checkKeys(l *syncfolder.Listing) error {
	v, err := e.scanKeys(l)
	if err != nil {
		return err
	}
	e.kr.view = v
	if len(v.newer) > 0 {
		e.status.update(func(s *Status) {
			s.State, s.Reason, s.Message = StateNeedsPassword, ReasonPasswordChanged, sentence(ErrNeedsPassword)
			s.Warnings = e.allWarnings()
		})
		return ErrNeedsPassword
	}
	return nil
}

// dropKeyCopy removes a conflict copy of a key file that is byte for byte
// the key file it copies. Any other copy is left alone: it wraps nothing
// this device can check, and the canonical file decides.
func (e *Engine) dropKeyCopy(f syncfolder.File) {
	c, err1 := e.folder.Read(f.Path)
	k, err2 := e.folder.Read(e.folder.KeyPath(f.Name))
	if err1 == nil && err2 == nil && bytes.Equal(c, k) {
		e.folder.Remove(f.Path)
	}
}

// halt stops the engine for good: a newer Vaultbar writes this folder.
func (e *Engine) halt() {
	e.halted = true
	e.status.update(func(s *Status) {
		s.State, s.Reason, s.Message = StateError, ReasonNewerFormat, sentence(ErrNewerFormat)
	})
}

// fail reports err in the status and returns it.
func (e *Engine) fail(err error) error {
	switch {
	case errors.Is(err, ErrNewerFormat):
		e.halt()
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		e.setIdle()
	case errors.Is(err, syncfolder.ErrOutsideFolder):
		e.status.update(func(s *Status) {
			s.State, s.Reason = StateError, ReasonLinkedFolder
			s.Message = fmt.Sprintf("Vaultbar stopped writing to %s: %v. It writes only inside the sync folder: replace the link with a plain folder, and it tries again.", e.cfg.Provider, err)
		})
	default:
		e.status.update(func(s *Status) {
			s.State, s.Reason = StateError, ReasonFolder
			s.Message = fmt.Sprintf("Can't sync with %s: %v. Check that %s is available; Vaultbar will try again.", e.cfg.Provider, err, e.cfg.Root)
		})
	}
	return err
}

// setIdle shows the resting status for the engine's state.
func (e *Engine) setIdle() {
	e.status.update(func(s *Status) {
		s.Provider, s.LastSync, s.Warnings = e.cfg.Provider, e.last, e.allWarnings()
		s.Ignored = len(e.ignored()) + len(e.keyJunk(false))
		s.Auto = e.st != nil && !e.st.Manual
		switch {
		case e.halted:
			s.State, s.Reason, s.Message = StateError, ReasonNewerFormat, sentence(ErrNewerFormat)
		case e.st == nil:
			s.State, s.Reason, s.Message = StateOff, ReasonSetup, "Set the cloud sync password to start syncing."
		case len(e.rolledBack()) > 0:
			s.State, s.Reason = StateIdle, ReasonWaiting
			s.Message = fmt.Sprintf("Waiting for %s to publish again: its sync files went back to an older state (restored from a backup?). It republishes at its next sync; nothing was lost here.",
				devices(e.rolledBack()))
		case e.last.IsZero():
			s.State, s.Reason, s.Message = StateIdle, ReasonNone, "Not synced yet."
		default:
			s.State, s.Reason = StateIdle, ReasonNone
			s.Message = fmt.Sprintf("Synced with %s at %s%s.", e.cfg.Provider, e.last.Local().Format("15:04"), ignoredNote(s.Ignored))
		}
	})
}

// allWarnings is the warnings of the data files and of the key files.
func (e *Engine) allWarnings() []string { return append(e.warnings(), e.keyWarnings()...) }

// ignoredNote is what the status adds about files ignored.
func ignoredNote(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return ", with 1 file ignored"
	}
	return fmt.Sprintf(", with %d files ignored", n)
}

// rolledBack lists the devices whose files have gone back to an older state
// for ProblemScans scans: until they republish, devices disagree, and the
// status must not say "Synced".
func (e *Engine) rolledBack() []string {
	var out []string
	for k, pr := range e.problems {
		if dev, ok := strings.CutPrefix(k, "rollback:"); ok && pr.scans >= ProblemScans {
			out = append(out, dev)
		}
	}
	slices.Sort(out)
	return out
}

func devices(ids []string) string {
	if len(ids) == 1 {
		return "device " + ids[0]
	}
	return "devices " + strings.Join(ids, ", ")
}

// sentence makes an error message a sentence for a person.
func sentence(err error) string {
	m := err.Error()
	if m == "" {
		return m
	}
	if c := m[0]; c >= 'a' && c <= 'z' {
		m = string(c-'a'+'A') + m[1:]
	}
	return m + "."
}
