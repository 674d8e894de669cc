package traytest

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// App is a running dev-tagged Vaultbar (make build-dev): the real app,
// which also serves its Go bindings at -devserver, so a test can unlock it
// and make records the way the frontend does.
type App struct {
	Cmd  *exec.Cmd
	Home string
	Port int
	Log  *lockedBuffer

	exited chan struct{}
	ws     *websocket.Conn
	wsMu   sync.Mutex
	nextID atomic.Int64
}

// StartApp starts binary with its UI from assetDir, data folder home and
// the given extra environment, and waits until its bindings answer.
func StartApp(binary, assetDir, home string, env []string) (*App, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	a := &App{Home: home, Port: port, Log: &lockedBuffer{}, exited: make(chan struct{})}
	a.Cmd = exec.Command(binary, "-devserver", "127.0.0.1:"+strconv.Itoa(port), "-assetdir", assetDir)
	a.Cmd.Env = append(append(os.Environ(), "VAULTBAR_HOME="+home), env...)
	a.Cmd.Stdout, a.Cmd.Stderr = a.Log, a.Log
	if err := a.Cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s (make build-dev): %w", binary, err)
	}
	go func() { a.Cmd.Wait(); close(a.exited) }()
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case <-a.exited:
			return nil, fmt.Errorf("the app exited (%v) before it was ready; its log:\n%s", a.Cmd.ProcessState, a.Log)
		case <-time.After(250 * time.Millisecond):
		}
		if ws, _, err := websocket.DefaultDialer.Dial(fmt.Sprintf("ws://127.0.0.1:%d/wails/ipc", port), nil); err == nil {
			a.ws = ws
			return a, nil
		}
		if time.Now().After(deadline) {
			a.Kill()
			return nil, fmt.Errorf("the app did not serve its bindings within 60s; its log:\n%s", a.Log)
		}
	}
}

// Call calls a bound Go method, such as "main.VaultAPI.Unlock", as the
// frontend does, and stores its result in result (which may be nil).
func (a *App) Call(method string, result any, args ...any) error {
	raw := make([]json.RawMessage, len(args))
	for i, x := range args {
		b, err := json.Marshal(x)
		if err != nil {
			return err
		}
		raw[i] = b
	}
	id := strconv.FormatInt(a.nextID.Add(1), 10)
	msg, _ := json.Marshal(map[string]any{"name": method, "args": raw, "callbackID": id})
	a.wsMu.Lock()
	defer a.wsMu.Unlock()
	a.ws.SetReadDeadline(time.Now().Add(60 * time.Second))
	if err := a.ws.WriteMessage(websocket.TextMessage, append([]byte("C"), msg...)); err != nil {
		return err
	}
	for {
		_, b, err := a.ws.ReadMessage()
		if err != nil {
			return fmt.Errorf("%s: %w", method, err)
		}
		if len(b) == 0 || b[0] != 'c' {
			continue // events and other traffic
		}
		var reply struct {
			Result json.RawMessage `json:"result"`
			Error  any             `json:"error"`
			ID     string          `json:"callbackid"`
		}
		if err := json.Unmarshal(b[1:], &reply); err != nil || reply.ID != id {
			continue
		}
		if reply.Error != nil {
			return fmt.Errorf("%s: %v", method, reply.Error)
		}
		if result != nil {
			return json.Unmarshal(reply.Result, result)
		}
		return nil
	}
}

// WaitEvent reads what the app sends the page until the runtime event
// name arrives (the dev server sends events as "n" and JSON), as the page
// would see it.
func (a *App) WaitEvent(name string, timeout time.Duration) error {
	a.wsMu.Lock()
	defer a.wsMu.Unlock()
	a.ws.SetReadDeadline(time.Now().Add(timeout))
	for {
		_, b, err := a.ws.ReadMessage()
		if err != nil {
			return fmt.Errorf("waiting for the event %q: %w", name, err)
		}
		var ev struct {
			Name string `json:"name"`
		}
		if len(b) > 0 && b[0] == 'n' && json.Unmarshal(b[1:], &ev) == nil && ev.Name == name {
			return nil
		}
	}
}

// Wait waits for the app to exit and reports whether it did in time.
func (a *App) Wait(timeout time.Duration) bool {
	select {
	case <-a.exited:
		return true
	case <-time.After(timeout):
		return false
	}
}

// Kill ends the app if it still runs.
func (a *App) Kill() {
	if a.ws != nil {
		a.ws.Close()
	}
	select {
	case <-a.exited:
	default:
		a.Cmd.Process.Kill()
		<-a.exited
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// lockedBuffer collects a process's output for a test's failure message.
type lockedBuffer struct {
	mu sync.Mutex
	b  []byte
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.b = append(l.b, p...)
	return len(p), nil
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return string(l.b)
}
