#!/usr/bin/env bash
# Usage: scripts/test-package.sh DEB VERSION
#
# Installs the .deb with apt-get as a user would, checks the CLI
# (`vaultbar version`, its man page), starts the app the way a desktop does
# (the Exec line of its desktop entry) on a virtual display and waits for
# its window, then removes the package. The user (a temporary HOME) must
# find nothing written by the install and nothing changed by the removal.
set -euo pipefail
cd "$(dirname "$0")/.."

# run_app starts EXEC_LINE, polls for its window (the first start of
# WebKit can be slow on a busy machine), then checks the app stays up.
run_app() {
	set -u
	local pid
	read -ra argv <<<"$EXEC_LINE"
	"${argv[@]}" >"$APP_LOG" 2>&1 &
	pid=$!
	for _ in $(seq 150); do
		xdotool search --name '^Vaultbar$' >/dev/null 2>&1 && break
		kill -0 "$pid" 2>/dev/null || { echo "error: the app exited before its window appeared" >&2; return 1; }
		sleep 0.2
	done
	xdotool search --name '^Vaultbar$' >/dev/null || { echo "error: no Vaultbar window within 30 s" >&2; kill "$pid"; return 1; }
	for _ in $(seq 15); do
		kill -0 "$pid" 2>/dev/null || { echo "error: the app exited after its window appeared" >&2; return 1; }
		sleep 0.2
	done
	kill "$pid"
	wait "$pid" 2>/dev/null || true
}
if [[ ${1:-} == --run-app ]]; then # the part that runs on the virtual display
	run_app
	exit
fi

deb=${1:?usage: test-package.sh DEB VERSION}
version=${2:?usage: test-package.sh DEB VERSION}
sudo=()
if [[ $(id -u) -ne 0 ]]; then
	if ! sudo -n true 2>/dev/null; then
		echo "error: installing the .deb needs root" >&2
		echo "hint: run make test-package as root (CI does), or with passwordless sudo" >&2
		exit 1
	fi
	sudo=(sudo -n)
fi
apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=300)

work=$(mktemp -d)
home=$work/home
mkdir "$home"
cleanup() {
	"${apt[@]}" purge vaultbar >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT
# What the user's session looks like to the app: only this HOME.
export HOME=$home
unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME VAULTBAR_HOME
# listing DIR: every file under DIR with its size and time ("" if none).
listing() { [[ ! -d $1 ]] || (cd "$1" && find . -mindepth 1 -printf '%p %s %T@\n' | sort); }
data=$home/.local/share/vaultbar # the app's and the CLI's data folder
fail() {
	echo "error: $1" >&2
	exit 1
}


echo "--- apt-get install ./$deb"
"${apt[@]}" install "./$deb" </dev/null >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt-get install failed"; }
[[ -z $(listing "$home") ]] || fail "installing wrote to the user's home: $(listing "$home")"

echo "--- vaultbar version, man page"
[[ $(command -v vaultbar) == /usr/bin/vaultbar ]] || fail "vaultbar is $(command -v vaultbar), not /usr/bin/vaultbar"
out=$(vaultbar version)
[[ $out == "vaultbar $version "* ]] || fail "vaultbar version printed \"$out\", want vaultbar $version"
man_page=$(dpkg -L vaultbar | grep '/man1/vaultbar.1.gz$') || fail "no vaultbar(1) man page in the package"
zcat "$man_page" | grep -q '^\.SS vaultbar sync' || fail "the man page has no sync command"

echo "--- a vault in the user's data folder, which removing the package must keep"
VAULTBAR_PASSWORD='a package test passphrase, protecting nothing' vaultbar init >/dev/null 2>"$work/init.log" ||
	{ cat "$work/init.log" >&2; fail "the installed vaultbar init failed"; }
[[ -n $(listing "$data") ]] || fail "vaultbar init wrote nothing to $data"

echo "--- the app from its desktop entry, under Xvfb"
entry=/usr/share/applications/vaultbar.desktop
exec_line=$(sed -n 's/^Exec=//p' "$entry" | head -n 1)
read -ra argv <<<"${exec_line//%[fFuUick]/}"
[[ $(command -v "${argv[0]}") == /usr/bin/vaultbar-app ]] || fail "Exec=$exec_line does not start /usr/bin/vaultbar-app"
# NO_AT_BRIDGE: no accessibility bus to start (and chat) on the private one.
export EXEC_LINE="${argv[*]}" APP_LOG=$work/app.log NO_AT_BRIDGE=1
dbus-run-session -- xvfb-run -a -s '-screen 0 1280x800x24' "$0" --run-app >"$work/xvfb.log" 2>&1 ||
	{ cat "$work/xvfb.log" "$work/app.log" >&2; fail "the installed app did not start from its desktop entry"; }
before=$(listing "$data")

echo "--- apt-get purge vaultbar"
files=$(dpkg -L vaultbar | while read -r f; do [[ -f $f ]] && echo "$f"; done)
"${apt[@]}" purge vaultbar </dev/null >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt-get purge failed"; }
for f in $files; do
	[[ ! -e $f ]] || fail "$f is still there after removing the package"
done
# Only the data folder: the session's helpers (the accessibility bus) may
# still be tidying ~/.cache as the virtual display goes away.
after=$(listing "$data")
[[ $after == "$before" ]] || fail "removing the package changed the data folder: $(diff <(echo "$before") <(echo "$after"))"
echo "--- the package installs, runs and removes cleanly"
