#!/usr/bin/env bash
# Usage: scripts/screenshots.sh APP_BINARY [OUT_DIR]
#
# Starts the real app (a WebKitGTK window) on a virtual X display, unlocks a
# sample vault and saves PNGs of its window in OUT_DIR:
#
#   main-light.png, main-dark.png                 the main window, a record selected
#   prefs-cloud-sync.png, prefs-cloud-sync-dark.png
#                                                 Preferences → Cloud Sync, set up
#
# The sample vault (records of several types, groups, favourites, folder sync)
# is made with the command-line tool in a temp VAULTBAR_HOME before the app
# starts: the app and the CLI can't have the vault open at the same time.
# Dark is GTK_THEME=Adwaita:dark, which WebKitGTK passes on to the page as
# prefers-color-scheme: dark.
set -euo pipefail

if [[ -z ${SCREENSHOTS_INSIDE_XVFB:-} ]]; then
	SCREENSHOTS_INSIDE_XVFB=1 exec xvfb-run -a -s '-screen 0 1280x800x24' "$0" "$@"
fi

app=$(realpath "$1")
out=${2:-screenshots}
repo=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
tmp=$(mktemp -d)
app_pid=''
cleanup() {
	if [[ -n $app_pid ]]; then
		kill "$app_pid" 2>/dev/null || true
		wait "$app_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

# Sample data only: these passwords protect nothing.
export VAULTBAR_HOME=$tmp/home
export VAULTBAR_PASSWORD='correct horse battery staple'
# No session bus: no Secret Service, so the cloud sync password is kept in the
# vault and nothing touches the keyring of whoever runs this.
unset DBUS_SESSION_BUS_ADDRESS

die() {
	echo "error: $*" >&2
	[[ -f $tmp/app.log ]] && cat "$tmp/app.log" >&2
	exit 1
}

make_vault() {
	local cli=$tmp/vaultbar
	(cd "$repo" && go build -o "$cli" ./cmd/vaultbar)
	mkdir -p "$VAULTBAR_HOME" "$tmp/Dropbox/Vaultbar"
	{
		"$cli" init
		"$cli" group add Family
		# shellcheck disable=SC2016 # the $ is part of the sample password
		"$cli" add login GitHub username=alice.martin 'password=x7!Qm#2vLp$9' website=https://github.com \
			'one-time password=JBSWY3DPEHPK3PXP' --group Business --favorite --notes 'Recovery codes are in the safe.'
		"$cli" add login Amazon username=alice@example.com 'password=Tulip-Basket-41' website=https://www.amazon.com --group Personal
		"$cli" add email-account Fastmail email=alice@fastmail.com 'password=Ocean!Ledger7' \
			'incoming server=imap.fastmail.com' 'outgoing server=smtp.fastmail.com' --group Personal
		"$cli" add credit-card 'Visa Platinum' 'cardholder=Alice Martin' 'card number=4111 1111 1111 1111' \
			'expiry date=2028-09-30' 'security code=737' 'issuing bank=First National' --group Personal
		"$cli" add wifi 'Home Wi-Fi' 'network name=martin-home' password=hunter2-garden security=WPA3 --group Family --favorite
		"$cli" add server 'Build Server' host=build.internal.example.com port=22 username=deploy 'password=g7#Rk2!pWz' \
			'admin url=https://build.internal.example.com:8443' --group Business
		"$cli" add secure-note 'Passport renewal' 'note=Renew before March; photos at the pharmacy on Elm St.' --group Family
		"$cli" add software-license 'Affinity Photo' product='Affinity Photo 2' 'license key=AP2-7KQ4-93HX-LM2C' \
			'licensed to=Alice Martin' --group Personal
		VAULTBAR_SYNC_PASSWORD='tidy-glacier-lantern-47' "$cli" sync setup --provider folder --dir "$tmp/Dropbox/Vaultbar"
	} >"$tmp/cli.log" 2>&1 || { cat "$tmp/cli.log" >&2; die "could not make the sample vault"; }
}

# pixels WIN [GEOMETRY]: a checksum of the window's pixels (or a crop of them).
pixels() {
	import -window "$1" ${2:+-crop "$2"} rgb:- 2>/dev/null | md5sum
}

# wait_until SECONDS WHAT COMMAND...: polls COMMAND every 0.2 s.
wait_until() {
	local tries=$(($1 * 5)) what=$2
	shift 2
	for _ in $(seq "$tries"); do
		"$@" && return
		kill -0 "$app_pid" 2>/dev/null || die "the app exited while waiting for $what"
		sleep 0.2
	done
	die "timed out waiting for $what"
}

find_window() {
	win=$(xwininfo -root -tree | awk '/"Vaultbar": \("vaultbar"/ {print $1; exit}')
	[[ -n $win ]]
}

shot() {
	import -window "$win" "$out/$1.png"
	echo "$out/$1.png"
}

# The page has painted something other than its plain background.
page_painted() {
	local sd
	sd=$(import -window "$win" -crop 400x200+300+250 -colorspace gray -format '%[fx:standard_deviation]' info: 2>/dev/null)
	[[ $sd != 0 && -n $sd ]]
}

# Two looks at the window 0.4 s apart are the same: nothing is loading or
# moving (no text field may have focus: its caret blinks).
settled() {
	local a
	a=$(pixels "$win")
	sleep 0.4
	[[ $(pixels "$win") == "$a" ]]
}

# differs HASH [GEOMETRY]: the window (or a crop of it) no longer looks like
# what pixels gave HASH for, so the last click or key press has been seen.
differs() { [[ $(pixels "$win" ${2:+"$2"}) != "$1" ]]; }

# shoot_session MAIN PREFS [ENV=VALUE...]: starts the app, unlocks it, saves
# OUT_DIR/MAIN.png (a record selected) and OUT_DIR/PREFS.png (Preferences →
# Cloud Sync), and quits it.
shoot_session() {
	local main=$1 prefs=$2 before
	shift 2
	env "$@" "$app" >"$tmp/app.log" 2>&1 &
	app_pid=$!
	wait_until 20 "the Vaultbar window" find_window
	wait_until 20 "the unlock screen" page_painted
	sleep 0.5 # the password field takes focus once the page has mounted

	# Only the sidebar strip: the password field's caret blinks.
	before=$(pixels "$win" 180x400+0+100)
	xdotool windowfocus --sync "$win"
	xdotool type --delay 15 "$VAULTBAR_PASSWORD"
	xdotool key Return
	wait_until 20 "the vault to unlock" differs "$before" 180x400+0+100
	wait_until 20 "the main window to settle" settled

	# GitHub, the fifth record (by name: Affinity Photo, Amazon, Build
	# Server, Fastmail, GitHub); rows are 43 px apart, the first at y=126.
	before=$(pixels "$win")
	xdotool mousemove --window "$win" 340 $((126 + 4 * 43)) click 1
	wait_until 10 "the record to be selected" differs "$before"
	wait_until 10 "the record details" settled
	shot "$main"

	# Ctrl+, opens Preferences with focus on its first tab (General); the
	# tabs take Left/Right.
	before=$(pixels "$win")
	xdotool key ctrl+comma
	wait_until 10 "Preferences to open" differs "$before"
	wait_until 10 "the Preferences sheet" settled
	before=$(pixels "$win")
	xdotool key --delay 100 Right Right
	wait_until 10 "the Cloud Sync tab" differs "$before"
	wait_until 10 "the Cloud Sync tab" settled
	shot "$prefs"

	kill "$app_pid"
	wait "$app_pid" 2>/dev/null || true
	app_pid=''
}

make_vault
shoot_session main-light prefs-cloud-sync
shoot_session main-dark prefs-cloud-sync-dark GTK_THEME=Adwaita:dark
