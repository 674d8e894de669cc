package main

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"vaultbar/backend/service"
	"vaultbar/backend/syncer"
	"vaultbar/backend/syncfolder"
)

// SyncAPI binds cloud sync: set up with a new or an existing cloud sync
// password, enter a password changed elsewhere, change it, auto-sync on or
// off, sync now, reveal the password, and status pushed as sync:status.
// The work is service.SyncService's; this file only shapes it for the
// frontend.
type SyncAPI struct {
	ctx   context.Context
	svc   *service.SyncService
	unsub func()
}

// SyncInfo is what the Cloud Sync tab and the Sync button show.
type SyncInfo struct {
	Mode            string `json:"mode"` // none | icloud | folder
	Folder          string `json:"folder"`
	Configured      bool   `json:"configured"`
	AutoSync        bool   `json:"autoSync"`
	ICloudAvailable bool   `json:"icloudAvailable"`
	ICloudReason    string `json:"icloudReason"`
	ICloudWhere     string `json:"icloudWhere"` // which iCloud folder Sync with iCloud uses, and why
	State           string `json:"state"`       // off | idle | syncing | needs-password | error
	Message         string `json:"message"`
	Hint            string `json:"hint"`
	LastSync        string `json:"lastSync"` // RFC 3339, "" if never
	Existing        bool   `json:"existing"` // Probe: the location has another device's sync data
	Ignored         int    `json:"ignored"`  // files in the sync folder no device of ours wrote
	Waiting         bool   `json:"waiting"`  // another device's files went back in time
	Seq             uint64 `json:"seq"`      // orders statuses (events may arrive out of order); 0: not the engine's
	// CleanedUp says what the last Clean Up did, for CleanUp's answer.
	CleanedUp string `json:"cleanedUp"`
}

// syncTimeout bounds a setup, password change or sync started from the
// window.
const syncTimeout = 2 * time.Minute

// NewSyncAPI binds the sync service of vault. It follows the vault from
// now on: syncing while unlocked, stopped while locked.
func NewSyncAPI(vault *service.VaultService) *SyncAPI {
	return &SyncAPI{svc: service.NewSync(vault)}
}

// start forwards every status change as sync:status.
func (s *SyncAPI) start(ctx context.Context) {
	s.ctx = ctx
	s.unsub = s.svc.Subscribe(func(st syncer.Status) {
		runtime.EventsEmit(ctx, EventSyncStatus, s.info(st))
	})
}

// stop ends the events and the engine. Quitting flushed already (the menu
// bar's shutdown runs first, through syncTray.Flush).
func (s *SyncAPI) stop() {
	if s.unsub != nil {
		s.unsub()
	}
	s.svc.Close()
}

func (s *SyncAPI) info(st syncer.Status) SyncInfo {
	loc := s.svc.Location()
	in := SyncInfo{
		Mode: string(syncfolder.ProviderNone), Configured: loc.Configured(),
		AutoSync: st.Auto || !loc.Configured(), // on by default for a setup to come
		State:    string(st.State), Message: st.Message, Hint: syncHint(st), Ignored: st.Ignored,
		Waiting: st.Reason == syncer.ReasonWaiting, Seq: st.Seq,
	}
	if loc.Configured() {
		in.Mode, in.Folder = string(loc.Provider), loc.Folder
	}
	if !st.LastSync.IsZero() {
		in.LastSync = st.LastSync.Format(time.RFC3339)
	}
	if place, err := syncfolder.ICloud(); err == nil {
		in.ICloudAvailable, in.ICloudWhere = true, place.Why
	} else {
		msg, hint := service.Explain(err)
		in.ICloudReason = strings.TrimSpace(sentence(msg) + " " + sentence(hint))
	}
	return in
}

// syncHint says what to do about the status, and passes on its warnings
// (such as where the cloud sync password is kept).
func syncHint(st syncer.Status) string {
	var parts []string
	switch st.Reason {
	case syncer.ReasonPasswordChanged:
		parts = append(parts, "Enter the new cloud sync password.")
	case syncer.ReasonNewerFormat:
		parts = append(parts, "Update Vaultbar on this device to keep syncing.")
	case syncer.ReasonLinkedFolder:
		parts = append(parts, "Move the link away in the sync folder, then sync again.")
	}
	for _, w := range st.Warnings {
		parts = append(parts, sentence(w))
	}
	return strings.Join(parts, " ")
}

func (s *SyncAPI) current() SyncInfo { return s.info(s.svc.Status()) }

// after returns the current info, or the explained error.
func (s *SyncAPI) after(err error) (SyncInfo, error) {
	if err != nil {
		return s.current(), explained(err)
	}
	return s.current(), nil
}

func opContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), syncTimeout)
}

// Info returns the sync settings and status.
func (s *SyncAPI) Info() (SyncInfo, error) { return s.current(), nil }

// Probe looks at a sync location before setup: Existing says whether to ask
// for a new cloud sync password or the existing one.
func (s *SyncAPI) Probe(mode, folder string) (SyncInfo, error) {
	existing, err := s.svc.Probe(mode, folder)
	in := s.current()
	in.Existing = existing
	if err != nil {
		return in, explained(err)
	}
	return in, nil
}

// Setup turns sync on at a location with the cloud sync password.
func (s *SyncAPI) Setup(mode, folder, password string) (SyncInfo, error) {
	ctx, cancel := opContext()
	defer cancel()
	existing, err := s.svc.Setup(ctx, mode, folder, password)
	in, err := s.after(err)
	in.Existing = existing
	return in, err
}

// EnterPassword gives the cloud sync password another device changed.
func (s *SyncAPI) EnterPassword(password string) (SyncInfo, error) {
	ctx, cancel := opContext()
	defer cancel()
	return s.after(s.svc.EnterPassword(ctx, password))
}

// ChangePassword sets a new cloud sync password for every device.
func (s *SyncAPI) ChangePassword(password string) (SyncInfo, error) {
	ctx, cancel := opContext()
	defer cancel()
	return s.after(s.svc.ChangePassword(ctx, password))
}

// SetAutoSync turns automatic sync on or off.
func (s *SyncAPI) SetAutoSync(on bool) (SyncInfo, error) { return s.after(s.svc.SetAuto(on)) }

// SyncNow syncs at once.
func (s *SyncAPI) SyncNow() (SyncInfo, error) {
	ctx, cancel := opContext()
	defer cancel()
	return s.after(s.svc.SyncNow(ctx))
}

// CleanUp moves the files no device of ours wrote out of the sync folder,
// into a dated folder beside it; nothing is deleted.
func (s *SyncAPI) CleanUp() (SyncInfo, error) {
	ctx, cancel := opContext()
	defer cancel()
	c, err := s.svc.CleanUp(ctx)
	in, err := s.after(err)
	switch {
	case len(c.Moved) == 1:
		in.CleanedUp = "Moved 1 file to " + c.Dir + ". Nothing was deleted."
	case len(c.Moved) > 1:
		in.CleanedUp = fmt.Sprintf("Moved %d files to %s. Nothing was deleted.", len(c.Moved), c.Dir)
	case err == nil:
		in.CleanedUp = "Nothing to clean up: every file in the sync folder was written by a device of yours."
	}
	return in, err
}

// Disable stops syncing on this device. The sync folder stays for the
// other devices.
func (s *SyncAPI) Disable() (SyncInfo, error) {
	if !s.svc.Location().Configured() {
		return s.current(), nil
	}
	return s.after(s.svc.Off())
}

// RevealPassword returns the cloud sync password, while the vault is
// unlocked.
func (s *SyncAPI) RevealPassword() (string, error) {
	pw, err := s.svc.RevealPassword()
	return pw, explained(err)
}

// tray is the sync service as the menu-bar item uses it.
func (s *SyncAPI) tray(vault *service.VaultService) traySync {
	return syncTray{svc: s.svc, vault: vault}
}

// syncTray adapts the sync service to the menu bar: a short status line,
// Sync Now in the background, and the bounded flush at quit.
type syncTray struct {
	svc   *service.SyncService
	vault *service.VaultService
}

var _ traySync = syncTray{}

func (t syncTray) SyncNow() {
	ctx, cancel := opContext()
	defer cancel()
	if err := t.svc.SyncNow(ctx); err != nil {
		msg, _ := service.Explain(err)
		log.Printf("vaultbar: sync now from the menu bar: %s", msg)
	}
}

func (t syncTray) Status() (string, bool) {
	if t.vault.Locked() {
		return "Locked", false
	}
	st := t.svc.Status()
	switch st.State {
	case syncer.StateOff:
		return "Sync is off", false
	case syncer.StateSyncing:
		return "Syncing…", true
	case syncer.StateNeedsPassword:
		return "Sync needs the new cloud sync password", false
	case syncer.StateError:
		return strings.TrimSuffix(st.Message, "."), false
	}
	return syncedAgo(st.LastSync, time.Now()), false
}

// syncedAgo is the idle status line: "Synced just now", "Synced 5 minutes
// ago", "Synced at 09:41".
func syncedAgo(last, now time.Time) string {
	d := now.Sub(last)
	switch {
	case last.IsZero():
		return "Not synced yet"
	case d < time.Minute:
		return "Synced just now"
	case d < 2*time.Minute:
		return "Synced a minute ago"
	case d < time.Hour:
		return fmt.Sprintf("Synced %d minutes ago", int(d/time.Minute))
	}
	return "Synced at " + last.Local().Format("15:04")
}

func (t syncTray) Flush(ctx context.Context) error { return t.svc.Flush(ctx) }

func (t syncTray) Subscribe(fn func()) func() {
	return t.svc.Subscribe(func(syncer.Status) { fn() })
}
