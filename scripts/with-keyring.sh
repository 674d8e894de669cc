#!/usr/bin/env bash
# Usage: scripts/with-keyring.sh COMMAND [ARGS...]
#
# Runs COMMAND inside a private D-Bus session with its own unlocked
# gnome-keyring, so tests talk to a real Secret Service without touching the
# user's keyring (or needing one). The keyring lives in a temp folder and is
# gone afterwards.
#
# Start any X display (xvfb-run) inside this, not around it: with no display
# on the bus, a keyring that wants to ask the user something fails at once
# instead of waiting for an answer no one will give.
set -euo pipefail

if [[ ${1:-} != --inside-session ]]; then
	exec env -u DISPLAY -u WAYLAND_DISPLAY dbus-run-session -- "$0" --inside-session "$@" \
		2> >(grep -v 'Failed to set fd limit' >&2)
fi
shift

keyrings="$(mktemp -d)"
# A non-empty password: with an empty one gnome-keyring wants a prompt to
# create the login collection, and there is no one to answer it.
printf 'vaultbar-test' | XDG_DATA_HOME="$keyrings" \
	gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
daemon=$!
trap 'kill $daemon 2>/dev/null; rm -rf "$keyrings"' EXIT

# Wait until it owns the Secret Service name. A client that asks earlier gets
# a second, D-Bus-activated daemon that knows no password.
owned() {
	dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
		org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}
for _ in $(seq 1 100); do
	owned && break
	sleep 0.1
done

probe="probe-$$"
if ! printf 'ok' | timeout 10 secret-tool store --label='Vaultbar test probe' vaultbar-probe "$probe" 2>/dev/null ||
	[[ $(timeout 10 secret-tool lookup vaultbar-probe "$probe" 2>/dev/null) != ok ]]; then
	echo "error: gnome-keyring did not answer as a Secret Service in this D-Bus session" >&2
	echo "hint: apt-get install -y gnome-keyring libsecret-tools dbus" >&2
	exit 1
fi
timeout 10 secret-tool clear vaultbar-probe "$probe"

"$@"
