package ipc

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"vaultbar/backend/model"
	"vaultbar/backend/service"
	"vaultbar/backend/syncer"
)

// Vault is what the CLI's record, group and type commands need from a
// vault. *service.VaultService implements it (the app is not running) and
// so does *Client (it is, and the app serves these through its service,
// so edits are journaled and auto-synced like any other).
type Vault interface {
	List(f model.Filter) ([]model.Summary, error)
	Counts() (map[string]int, error)
	Find(nameOrID string) (model.Record, error)
	FindDeleted(nameOrID string) (model.Summary, error)
	History(id string) ([]model.HistoryEntry, error)
	AddRecord(in model.RecordInput) (model.Record, error)
	UpdateRecord(id string, p model.RecordPatch) (model.Record, error)
	DeleteRecord(id string) error
	RestoreRecord(id string) (model.Record, error)
	PurgeRecord(id string) error

	Groups() ([]model.Group, error)
	GroupByName(name string) (model.Group, error)
	AddGroup(name string) (model.Group, error)
	RenameGroup(id, name string) (model.Group, error)
	DeleteGroup(id string) error

	Types() ([]model.Type, error)
	TypeByName(name string) (model.Type, error)
	DeletedTypes() ([]model.Type, error)
	AddType(name string, fields []model.FieldDef) (model.Type, error)
	TypeUsage(id string) (int, error)
	DeleteType(id string) (int, error)
	RestoreType(id string) (model.Type, error)
}

// Sync is what `vaultbar sync now` and `sync status` need.
// *service.SyncService implements it, and so does *Client.
type Sync interface {
	SyncNow(ctx context.Context) error
	Status() syncer.Status
	Location() service.SyncSettings
	PasswordStore() string
}

var (
	_ Vault = (*service.VaultService)(nil)
	_ Sync  = (*service.SyncService)(nil)
)

// syncTimeout bounds a sync the CLI asks the app for.
const syncTimeout = 2 * time.Minute

// handler runs one operation on decoded arguments.
type handler func(args []json.RawMessage) (any, error)

// handlers is the table of served operations, by method name.
func handlers(v Vault, s Sync) map[string]handler {
	h := map[string]handler{
		"List": h1(v.List), "Counts": h0(v.Counts), "Find": h1(v.Find), "FindDeleted": h1(v.FindDeleted),
		"History": h1(v.History), "AddRecord": h1(v.AddRecord), "UpdateRecord": h2(v.UpdateRecord),
		"DeleteRecord": e1(v.DeleteRecord), "RestoreRecord": h1(v.RestoreRecord),
		"PurgeRecord": e1(v.PurgeRecord),
		"Groups":      h0(v.Groups), "GroupByName": h1(v.GroupByName), "AddGroup": h1(v.AddGroup),
		"RenameGroup": h2(v.RenameGroup), "DeleteGroup": e1(v.DeleteGroup),
		"Types": h0(v.Types), "TypeByName": h1(v.TypeByName), "DeletedTypes": h0(v.DeletedTypes),
		"AddType": h2(v.AddType), "TypeUsage": h1(v.TypeUsage), "DeleteType": h1(v.DeleteType),
		"RestoreType": h1(v.RestoreType),
	}
	if s != nil {
		h["SyncNow"] = func([]json.RawMessage) (any, error) {
			ctx, cancel := context.WithTimeout(context.Background(), syncTimeout)
			defer cancel()
			return nil, s.SyncNow(ctx)
		}
		h["Status"] = func([]json.RawMessage) (any, error) { return s.Status(), nil }
		h["Location"] = func([]json.RawMessage) (any, error) { return s.Location(), nil }
		h["PasswordStore"] = func([]json.RawMessage) (any, error) { return s.PasswordStore(), nil }
	}
	return h
}

func h0[R any](f func() (R, error)) handler {
	return func(args []json.RawMessage) (any, error) {
		if err := argc(args, 0); err != nil {
			return nil, err
		}
		return f()
	}
}

func h1[A, R any](f func(A) (R, error)) handler {
	return func(args []json.RawMessage) (any, error) {
		var a A
		if err := decode(args, 1, &a); err != nil {
			return nil, err
		}
		return f(a)
	}
}

func h2[A, B, R any](f func(A, B) (R, error)) handler {
	return func(args []json.RawMessage) (any, error) {
		var a A
		var b B
		if err := decode(args, 2, &a, &b); err != nil {
			return nil, err
		}
		return f(a, b)
	}
}

func e1[A any](f func(A) error) handler {
	return h1(func(a A) (struct{}, error) { return struct{}{}, f(a) })
}

func argc(args []json.RawMessage, n int) error {
	if len(args) != n {
		return fmt.Errorf("%w: %d arguments, want %d", ErrBadRequest, len(args), n)
	}
	return nil
}

// decode unmarshals the arguments into ptrs, all or nothing.
func decode(args []json.RawMessage, n int, ptrs ...any) error {
	if err := argc(args, n); err != nil {
		return err
	}
	for i, p := range ptrs {
		if err := json.Unmarshal(args[i], p); err != nil {
			return fmt.Errorf("%w: argument %d: %v", ErrBadRequest, i+1, err)
		}
	}
	return nil
}
