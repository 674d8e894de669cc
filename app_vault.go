package main

import (
	"context"
	"fmt"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"vaultbar/backend/model"
	"vaultbar/backend/otp"
	"vaultbar/backend/service"
)

// VaultAPI binds the vault service: lock state, records, groups, types.
// It forwards the service's change notifications as vault:changed events
// (and app:locked when the vault locks), so edits merged in from another
// device show without reloading.
type VaultAPI struct {
	ctx    context.Context
	svc    *service.VaultService
	unsub  func()
	onLock func()            // also run when the vault locks (clears a copied secret)
	idle   *service.IdleLock // locks after the preferred time without use
}

// idleCheckEvery is how often the idle lock looks at the clock: the lock
// comes at most this late.
const idleCheckEvery = 10 * time.Second

// VaultState is whether there is a vault and whether it is locked.
type VaultState struct {
	Exists bool `json:"exists"`
	Locked bool `json:"locked"`
}

// RecordInput and RecordPatch are model's, declared again in package main
// for the bindings: Wails puts the TypeScript classes of package model in a
// namespace that also has a class Record, where a map field's
// Record<string, string> would name that class and fail to type-check.
type (
	RecordInput model.RecordInput
	RecordPatch model.RecordPatch
)

// NewVaultAPI binds svc.
func NewVaultAPI(svc *service.VaultService) *VaultAPI { return &VaultAPI{svc: svc} }

// start subscribes to the service's changes.
func (v *VaultAPI) start(ctx context.Context) {
	v.ctx = ctx
	v.idle = service.NewIdleLock(v.svc, nil)
	v.idle.Start(idleCheckEvery)
	v.unsub = v.svc.Subscribe(func(c service.Change) {
		runtime.EventsEmit(ctx, EventVaultChanged, c)
		if c.Origin == service.FromLockState && c.Locked {
			if v.onLock != nil {
				v.onLock()
			}
			runtime.EventsEmit(ctx, EventLocked)
		}
	})
}

// stop unsubscribes and locks the vault, which wipes its keys.
func (v *VaultAPI) stop() {
	if v.idle != nil {
		v.idle.Stop()
	}
	if v.unsub != nil {
		v.unsub()
	}
	v.svc.Lock()
}

// Touch tells the idle lock the user just did something in the window.
func (v *VaultAPI) Touch() {
	if v.idle != nil {
		v.idle.Touch()
	}
}

// State says whether a vault exists and whether it is locked.
func (v *VaultAPI) State() (VaultState, error) {
	return VaultState{Exists: v.svc.Exists(), Locked: v.svc.Locked()}, nil
}

// Create makes the vault with its login password and leaves it unlocked.
func (v *VaultAPI) Create(password string) error {
	return explained(v.svc.Create([]byte(password)))
}

// Unlock opens the vault with the login password.
func (v *VaultAPI) Unlock(password string) error {
	return explainedUnlock(v.svc.Unlock([]byte(password)))
}

// Lock closes the vault and drops it from memory.
func (v *VaultAPI) Lock() error {
	v.svc.Lock()
	return nil
}

// ChangePassword replaces the login password after checking the old one.
func (v *VaultAPI) ChangePassword(oldPassword, newPassword string) error {
	return explained(v.svc.ChangePassword([]byte(oldPassword), []byte(newPassword)))
}

// List returns the records matching f, sorted by name. f.Query searches
// names, notes and fields that are not secret.
func (v *VaultAPI) List(f model.Filter) ([]model.Summary, error) {
	return orExplain(v.svc.List(f))
}

// Record returns a record, its concealed values left out (Reveal).
func (v *VaultAPI) Record(id string) (ShownRecord, error) { return shownOrExplain(v.svc.Record(id)) }

// History returns a record's earlier versions, newest first.
func (v *VaultAPI) History(id string) ([]model.HistoryEntry, error) {
	hs, err := orExplain(v.svc.History(id))
	return shownHistory(hs), err
}

// OTPCode is the current one-time password of an otp field.
type OTPCode struct {
	Code      string `json:"code"`
	Remaining int    `json:"remaining"` // seconds until the code changes
	Period    int    `json:"period"`    // seconds each code lasts
}

// OneTimeCode computes the current code of a record's one-time password
// field from the secret it holds.
func (v *VaultAPI) OneTimeCode(recordID, fieldID string) (OTPCode, error) {
	r, err := shownRecord(v.svc, recordID)
	if err != nil {
		return OTPCode{}, explained(err)
	}
	for _, f := range r.Fields {
		if f.ID == fieldID && f.Kind == model.KindOTP {
			k, err := otp.Parse(f.Value)
			if err != nil {
				return OTPCode{}, explained(err)
			}
			code, rem := k.At(time.Now())
			return OTPCode{Code: code, Remaining: int(rem / time.Second), Period: int(k.Period / time.Second)}, nil
		}
	}
	return OTPCode{}, explained(fmt.Errorf("the record has no one-time password field %q", fieldID))
}

// Counts returns the number of records per group and type, and in all and
// favorites.
func (v *VaultAPI) Counts() (map[string]int, error) { return orExplain(v.svc.Counts()) }

// AddRecord creates a record.
func (v *VaultAPI) AddRecord(in RecordInput) (ShownRecord, error) {
	return shownOrExplain(v.svc.AddRecord(model.RecordInput(in)))
}

// UpdateRecord changes the parts of a record the patch names.
func (v *VaultAPI) UpdateRecord(id string, p RecordPatch) (ShownRecord, error) {
	return shownOrExplain(v.svc.UpdateRecord(id, model.RecordPatch(p)))
}

// DeleteRecord moves a record to Deleted Records.
func (v *VaultAPI) DeleteRecord(id string) error { return explained(v.svc.DeleteRecord(id)) }

// DeletedRecord returns a record in Deleted Records, concealed values left
// out as for a live one, for the window to show read-only.
func (v *VaultAPI) DeletedRecord(id string) (ShownRecord, error) {
	return shownOrExplain(v.svc.DeletedRecord(id))
}

// PurgeRecord deletes a record in Deleted Records permanently.
func (v *VaultAPI) PurgeRecord(id string) error { return explained(v.svc.PurgeRecord(id)) }

// RestoreRecord brings a record back from Deleted Records.
func (v *VaultAPI) RestoreRecord(id string) (ShownRecord, error) {
	return shownOrExplain(v.svc.RestoreRecord(id))
}

// RestoreVersion makes an earlier value of one of a record's fields current.
func (v *VaultAPI) RestoreVersion(id, key string, stamp model.Stamp) (ShownRecord, error) {
	return shownOrExplain(v.svc.RestoreVersion(id, key, stamp))
}

// Groups returns the groups sorted by name.
func (v *VaultAPI) Groups() ([]model.Group, error) { return orExplain(v.svc.Groups()) }

// AddGroup creates a group.
func (v *VaultAPI) AddGroup(name string) (model.Group, error) { return orExplain(v.svc.AddGroup(name)) }

// RenameGroup renames a group.
func (v *VaultAPI) RenameGroup(id, name string) (model.Group, error) {
	return orExplain(v.svc.RenameGroup(id, name))
}

// DeleteGroup deletes a group; its records stay.
func (v *VaultAPI) DeleteGroup(id string) error { return explained(v.svc.DeleteGroup(id)) }

// Types returns the record types sorted by name.
func (v *VaultAPI) Types() ([]model.Type, error) { return orExplain(v.svc.Types()) }

// AddType creates a record type.
func (v *VaultAPI) AddType(name string, fields []model.FieldDef) (model.Type, error) {
	return orExplain(v.svc.AddType(name, fields))
}

// UpdateType renames a type and sets its fields in order.
func (v *VaultAPI) UpdateType(id, name string, fields []model.FieldDef) (model.Type, error) {
	return orExplain(v.svc.UpdateType(id, name, fields))
}

// TypeUsage counts the records of a type.
func (v *VaultAPI) TypeUsage(id string) (int, error) { return orExplain(v.svc.TypeUsage(id)) }

// DeleteType deletes a type and returns how many records use it; they keep
// their data.
func (v *VaultAPI) DeleteType(id string) (int, error) { return orExplain(v.svc.DeleteType(id)) }

// Backups lists the vault's automatic backups, newest first.
func (v *VaultAPI) Backups() ([]service.Backup, error) { return orExplain(v.svc.Backups()) }

// PreviewRestore counts what restoring a backup would change, changing
// nothing, for the confirmation sheet. The login password opens the backup.
func (v *VaultAPI) PreviewRestore(name, password string) (service.RestoreSummary, error) {
	return orExplain(v.svc.PreviewRestore(name, []byte(password)))
}

// RestoreBackup brings the vault back to a backup as new edits, which sync
// carries to the other devices.
func (v *VaultAPI) RestoreBackup(name, password string) (service.RestoreSummary, error) {
	return orExplain(v.svc.RestoreBackup(name, []byte(password)))
}

func orExplain[T any](v T, err error) (T, error) {
	if err != nil {
		return v, explained(err)
	}
	return v, nil
}
