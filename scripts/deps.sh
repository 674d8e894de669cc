#!/usr/bin/env bash
# Installs what building and testing Vaultbar needs, and only what is missing,
# so a second run takes about a second:
#   - Debian packages (GTK/WebKitGTK headers, Xvfb, Chromium, gnome-keyring, ...)
#   - the Wails CLI at the version go.mod pins
#   - npm packages for frontend/ and e2e/ (npm ci, when missing or stale)
set -euo pipefail
cd "$(dirname "$0")/.."

WAILS_VERSION=v2.16.0
APT_PACKAGES=(
	make pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev # building the app
	xvfb xauth x11-utils imagemagick xdotool           # a virtual display, window screenshots
	xclip                                              # e2e: reads the X clipboard after a Quick Access copy
	chromium                                           # the browser e2e specs drive
	dbus dbus-x11 gnome-keyring libsecret-tools        # a real Secret Service for tests
	shellcheck desktop-file-utils                      # lint of scripts/, the .deb's desktop entry
	keepassxc                                          # keepassxc-cli makes and opens KeePass files in import tests
)

step() { printf '\n==> %s\n' "$*"; }

apt_deps() {
	local missing=() pkg
	for pkg in "${APT_PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
	done
	[[ ${#missing[@]} -eq 0 ]] && return
	local cmd="apt-get install -y ${missing[*]}"
	if [[ $(id -u) -ne 0 ]]; then
		echo "error: missing Debian packages: ${missing[*]}" >&2
		echo "hint: sudo apt-get update && sudo $cmd" >&2
		exit 1
	fi
	step "Installing Debian packages: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update
	$cmd </dev/null
}

wails_cli() {
	local gobin wails
	gobin="$(go env GOBIN)"
	[[ -n $gobin ]] || gobin="$(go env GOPATH)/bin"
	wails="$(command -v wails || echo "$gobin/wails")"
	# Not `wails version | grep -q`: grep quitting early fails the pipe.
	if [[ -x $wails && $("$wails" version 2>/dev/null | sed -n 1p) == "$WAILS_VERSION" ]]; then
		return
	fi
	step "Installing the Wails CLI $WAILS_VERSION into $gobin"
	# Not @latest: that resolves to an old release that does not build with current Go.
	go install "github.com/wailsapp/wails/v2/cmd/wails@$WAILS_VERSION"
}

npm_deps() {
	local dir=$1
	# npm writes node_modules/.package-lock.json on every install; older than the
	# lock file means someone changed the dependencies since.
	if [[ -f $dir/node_modules/.package-lock.json && ! $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
		return
	fi
	step "Installing npm packages in $dir (npm ci)"
	(cd "$dir" && npm ci --no-audit --no-fund)
}

apt_deps
wails_cli
npm_deps frontend
npm_deps e2e
