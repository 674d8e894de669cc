#!/usr/bin/env bash
# Usage: scripts/screenshots.sh APP_BINARY [OUT_DIR]
#
# Starts the real app (a WebKitGTK window) on a virtual X display and saves
# PNGs of its window: OUT_DIR/main-light.png and OUT_DIR/main-dark.png.
set -euo pipefail

if [[ -z ${SCREENSHOTS_INSIDE_XVFB:-} ]]; then
	SCREENSHOTS_INSIDE_XVFB=1 exec xvfb-run -a -s '-screen 0 1280x800x24' "$0" "$@"
fi

app=$(realpath "$1")
out=${2:-screenshots}
mkdir -p "$out"
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT

shoot() { # shoot NAME [ENV=VALUE...]
	local name=$1 pid win=''
	shift
	env VAULTBAR_HOME="$home" "$@" "$app" >"$home/$name.log" 2>&1 &
	pid=$!
	for _ in $(seq 1 100); do # up to 20 s
		win=$(xwininfo -root -tree | awk '/"Vaultbar": \("vaultbar"/ {print $1; exit}')
		[[ -n $win ]] && break
		kill -0 "$pid" 2>/dev/null || { cat "$home/$name.log" >&2; exit 1; }
		sleep 0.2
	done
	if [[ -z $win ]]; then
		echo "error: no Vaultbar window appeared" >&2
		cat "$home/$name.log" >&2
		exit 1
	fi
	sleep 2 # let WebKit load the page and paint
	import -window "$win" "$out/$name.png"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	echo "$out/$name.png"
}

shoot main-light
shoot main-dark GTK_THEME=Adwaita:dark
