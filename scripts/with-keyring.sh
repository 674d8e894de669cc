#!/usr/bin/env bash
# Usage: scripts/with-keyring.sh COMMAND [ARGS...]
#
# Runs COMMAND inside a private D-Bus session with its own unlocked
# gnome-keyring, so tests talk to a real Secret Service without touching the
# user's keyring (or needing one). The keyring lives in a temp folder and is
# gone afterwards.
set -euo pipefail

if [[ ${1:-} != --inside-session ]]; then
	exec dbus-run-session -- "$0" --inside-session "$@" 2> >(grep -v 'Failed to set fd limit' >&2)
fi
shift

keyrings="$(mktemp -d)"
trap 'rm -rf "$keyrings"' EXIT
# A non-empty password: with an empty one gnome-keyring wants a prompt to
# create the login collection, and there is no one to answer it.
printf 'vaultbar-test' | XDG_DATA_HOME="$keyrings" gnome-keyring-daemon --unlock --components=secrets >/dev/null

probe="probe-$$"
if ! printf 'ok' | secret-tool store --label='Vaultbar test probe' vaultbar-probe "$probe" 2>/dev/null ||
	[[ $(secret-tool lookup vaultbar-probe "$probe" 2>/dev/null) != ok ]]; then
	echo "error: gnome-keyring did not answer as a Secret Service in this D-Bus session" >&2
	echo "hint: install it with: apt-get install -y gnome-keyring libsecret-tools dbus" >&2
	exit 1
fi
secret-tool clear vaultbar-probe "$probe"

"$@"
