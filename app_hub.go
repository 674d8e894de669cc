package main

import (
	"context"
	"errors"
	"log"
	"strconv"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"vaultbar/backend/ipc"
	"vaultbar/backend/service"
)

// Events of the CLI beside the app. frontend/src/lib/events.ts mirrors them.
const (
	EventTerminalAsk  = "hub:ask"  // a TerminalAsk: put it to the user
	EventTerminalDone = "hub:done" // its id: answered, timed out or locked
)

// HubAPI serves the vault to the vaultbar command (backend/ipc) while the
// app runs, and asks the user, in the window, to allow each terminal
// session. The work is ipc's; this file only shows the question.
type HubAPI struct {
	ctx   context.Context
	home  string
	svc   *service.VaultService
	sync  *service.SyncService
	open  func() // brings the window forward
	touch func() // the idle lock: a command is using the vault
	srv   *ipc.Server
	unsub func()

	mu      sync.Mutex
	next    int
	pending map[string]pendingAsk
}

// TerminalAsk is one question on screen.
type TerminalAsk struct {
	ID      string `json:"id"`
	Command string `json:"command"` // "vaultbar ls"
}

type pendingAsk struct {
	ask    TerminalAsk
	answer chan bool
}

// NewHubAPI returns the hub of svc and its sync service.
func NewHubAPI(home string, svc *service.VaultService, sync *SyncAPI, vault *VaultAPI, bar *menuBar) *HubAPI {
	return &HubAPI{home: home, svc: svc, sync: sync.svc, open: bar.Open, touch: vault.Touch, pending: map[string]pendingAsk{}}
}

// start listens on the data folder's socket. Without it (another app on
// this folder, a path too long for a socket) the CLI says the vault is in
// use, as before.
func (h *HubAPI) start(ctx context.Context) {
	h.ctx = ctx
	h.srv = ipc.NewServer(h.svc, ipc.Config{Sync: h.sync, Approve: h.approve, Touch: h.touch})
	h.unsub = h.svc.Subscribe(func(c service.Change) {
		if c.Origin == service.FromLockState && c.Locked {
			h.srv.Revoke()
			h.dropAll()
		}
	})
	if err := h.srv.Listen(h.home); err != nil {
		log.Printf("the vaultbar command can't reach this app: %v", err)
	}
}

// stop ends the server (and every permission) before the vault locks.
func (h *HubAPI) stop() {
	if h.unsub != nil {
		h.unsub()
	}
	if h.srv != nil {
		h.srv.Close()
	}
	h.dropAll()
}

// approve shows the question and waits for the answer, or for ctx (the
// server's time limit, a lock) to end.
func (h *HubAPI) approve(ctx context.Context, a ipc.Ask) bool {
	p := h.add(a)
	runtime.EventsEmit(h.ctx, EventTerminalAsk, p.ask)
	h.open()
	defer h.done(p.ask.ID)
	select {
	case ok := <-p.answer:
		return ok
	case <-ctx.Done():
		return false
	}
}

func (h *HubAPI) add(a ipc.Ask) pendingAsk {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.next++
	p := pendingAsk{ask: TerminalAsk{ID: strconv.Itoa(h.next), Command: a.Command}, answer: make(chan bool, 1)}
	h.pending[p.ask.ID] = p
	return p
}

// done forgets a question and tells the page to hide it.
func (h *HubAPI) done(id string) {
	h.mu.Lock()
	_, ok := h.pending[id]
	delete(h.pending, id)
	h.mu.Unlock()
	if ok && h.ctx != nil {
		runtime.EventsEmit(h.ctx, EventTerminalDone, id)
	}
}

// dropAll answers every open question with Deny (the vault locked).
func (h *HubAPI) dropAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, p := range h.pending {
		select {
		case p.answer <- false:
		default:
		}
	}
}

// Pending returns the questions waiting for an answer, for a page that
// loads after one was asked.
func (h *HubAPI) Pending() ([]TerminalAsk, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := []TerminalAsk{}
	for _, p := range h.pending {
		out = append(out, p.ask)
	}
	return out, nil
}

// Answer allows or denies a terminal session's question.
func (h *HubAPI) Answer(id string, allow bool) error {
	h.mu.Lock()
	p, ok := h.pending[id]
	h.mu.Unlock()
	if !ok {
		return explained(errors.New("the terminal's request is no longer waiting; run the command again"))
	}
	select {
	case p.answer <- allow:
	default:
	}
	return nil
}
