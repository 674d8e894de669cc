// Package secrets keeps the cloud sync password: the password that
// encrypts Vaultbar's sync data in iCloud Drive or a sync folder, the same
// on every device, which preferences can reveal behind "click to show".
//
// A Store keeps one secret per account under the service "Vaultbar Cloud
// Sync"; the account names the sync location ("icloud", a folder path).
// Default picks the platform's store:
//
//   - Keychain (macOS): a generic-password item in the login keychain,
//     through the Security framework via github.com/keybase/go-keychain.
//     Not synchronizable, accessible only while the Mac is unlocked.
//     Built without cgo, it reports ErrUnavailable.
//   - SecretService (Linux and other Unix): an item in the default
//     collection of the freedesktop.org Secret Service (gnome-keyring,
//     KWallet, KeePassXC), attributes service and account, so that
//     `secret-tool lookup service "Vaultbar Cloud Sync" account icloud`
//     finds it.
//
// When neither answers (a headless Linux machine without a keyring), the
// caller keeps the password inside the encrypted vault instead: VaultStore
// does that over a SecretBag the vault service provides, and WithFallback
// combines the two, so the sync status can say where the password is and
// why (Fallback.Probe, Store.Name). Nothing here writes a secret to disk in
// plaintext.
//
// Why not github.com/zalando/go-keyring: on macOS it shells out to
// /usr/bin/security, so the item it creates trusts that tool, and any
// process of the user can read the password without a prompt by running
// `security find-generic-password -w`. Through the Security framework the
// item trusts only our signed binary. For the same reason nothing here
// ever runs `security`.
//
// Why not go-keychain's secretservice package on Linux: it derives the
// session key from the Diffie-Hellman secret with its leading zero bytes
// dropped, so about one session in 256 gets a key gnome-keyring does not
// share, and its GetSecret then returns an empty secret with no error
// (TestSecretServiceManySessions catches this). It also bounds only
// OpenSession in time, so a wedged keyring hangs every other call; it
// gives no way to close its bus connection; and it needs a fork of godbus
// (github.com/keybase/dbus) beside the github.com/godbus/dbus/v5 we
// already carry. The Secret Service API is a handful of calls, so we speak
// it directly with godbus: every call has a short timeout, every
// operation opens and closes its own connection, and a session bus is
// never launched (godbus would run dbus-launch when none is set).
package secrets
