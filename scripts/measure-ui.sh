#!/usr/bin/env bash
# Prints how the window fares on vaults of 10,000 and 100,000 fake records
# (e2e/measure-ui.mjs): unlock to list, keystroke to list, select to
# details, list rows, dropped frames while scrolling, resident memory; then
# the production window's memory (make build first; e2e/measure-window.mjs).
# The vaults are made once, in build/measure/, by
# backend/internal/fakevault/mkvault. Nothing is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000"}
mkdir -p build/measure test-results
# An empty vault first: what the app and WebKit hold for no records at all,
# the floor the other sizes are measured against.
args=()
for n in 0 $SIZES; do
	label=$((n / 1000))k
	[[ $n == 0 ]] && label=empty
	home=build/measure/$label
	if [[ ! -d $home/vault ]]; then
		echo "==> Making a vault of $n fake records in $home"
		rm -rf "$home"
		go run ./backend/internal/fakevault/mkvault -home "$home" -n "$n"
	fi
	args+=("$PWD/$home:$label")
done
echo "==> Measuring the window (dev app under Xvfb through Chromium, then build/bin/vaultbar's own window)"
cd e2e
exec ../scripts/with-keyring.sh xvfb-run -a -s '-screen 0 1280x800x24' node measure-ui.mjs "${args[@]}"
