// Package ipc lets the vaultbar command talk to the running app.
//
// While the app runs it holds the vault's lock, so the CLI can't open the
// vault itself. Instead the app serves a subset of the vault and sync
// operations on a Unix socket in the data folder (vaultbar.sock, mode
// 0600), and the CLI runs its commands against the same Vault interface,
// implemented both by *service.VaultService (the app is not running) and by
// *Client (it is), so every command has one implementation.
//
// The protocol is one request, one response, over a connection that stays
// open for one command: each message is a 4-byte big-endian length and
// that many bytes of JSON, at most MaxRequest bytes from the client and
// MaxResponse bytes from the app, carrying the protocol Version. Anything
// else (an oversized, empty or unparsable frame, another version) ends the
// connection with one explained error and changes nothing.
//
// Who may ask: the server accepts only a peer of its own user (SO_PEERCRED
// on Linux, LOCAL_PEERCRED on macOS, through golang.org/x/sys/unix, no
// cgo), and serves nothing while the vault is locked. The first request of
// a terminal session is put to the user through the Approver the app
// implements ("Allow the terminal to use Vaultbar for 10 minutes?"); a
// terminal session is the peer's session id (getsid of the peer's pid,
// read by the server, never told by the client), so every command typed in
// one terminal window shares the permission, and another window asks
// again. A permission ends after Grant, when the vault locks (Revoke) or
// when the app quits.
//
// Listen takes a lock file beside the socket for the server's life, so a
// second app on the same data folder is refused instead of stealing the
// socket, and removes a socket file left by an app that crashed (nothing
// else: a file of another kind at that path is refused, never deleted).
package ipc
