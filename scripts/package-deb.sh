#!/usr/bin/env bash
# Usage: scripts/package-deb.sh APP-BINARY VERSION
#
# Builds build/bin/vaultbar_<version>_<arch>.deb with dpkg-deb from the app
# `make build` made, and installs, as the package does:
#   /usr/bin/vaultbar-app   the app (the desktop entry starts it)
#   /usr/bin/vaultbar       the CLI, whose man page is vaultbar(1)
#   /usr/share/applications/vaultbar.desktop, hicolor icons from build/appicon.png
# The package never touches a user's data folder: no maintainer scripts.
set -euo pipefail
cd "$(dirname "$0")/.."

app=${1:?usage: package-deb.sh APP-BINARY VERSION}
version=${2:?usage: package-deb.sh APP-BINARY VERSION}
arch=$(dpkg --print-architecture)
# A Debian version starts with a digit: the product version from wails.json,
# then the git description (a commit, maybe -dirty) after a +.
product=$(sed -n 's/.*"productVersion": *"\([^"]*\)".*/\1/p' wails.json)
debversion="$product+${version//[^A-Za-z0-9.~]/.}"
out=build/bin/vaultbar_${debversion}_$arch.deb

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
chmod 0755 "$root"

install -D -m 0755 "$app" "$root/usr/bin/vaultbar-app"
go build -trimpath -ldflags "-s -w -X main.version=$version" -o "$root/usr/bin/vaultbar" ./cmd/vaultbar
go run ./cmd/manpage "$root/usr/bin/vaultbar" "$version" "$(git log -1 --format=%cs 2>/dev/null || date +%F)" >"$root/vaultbar.1"
install -d -m 0755 "$root/usr/share/man/man1"
gzip -9n <"$root/vaultbar.1" >"$root/usr/share/man/man1/vaultbar.1.gz"
rm "$root/vaultbar.1"
chmod 0644 "$root/usr/share/man/man1/vaultbar.1.gz"

install -D -m 0644 build/linux/vaultbar.desktop "$root/usr/share/applications/vaultbar.desktop"
desktop-file-validate --no-hints "$root/usr/share/applications/vaultbar.desktop"
for size in 16 32 48 64 128 256 512; do
	dir=$root/usr/share/icons/hicolor/${size}x${size}/apps
	install -d -m 0755 "$dir"
	convert build/appicon.png -resize "${size}x${size}" "$dir/vaultbar.png"
	chmod 0644 "$dir/vaultbar.png"
done

install -d -m 0755 "$root/DEBIAN"
cat >"$root/DEBIAN/control" <<CONTROL
Package: vaultbar
Version: $debversion
Architecture: $arch
Maintainer: Vaultbar authors <vaultbar@users.noreply.github.com>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: libwebkit2gtk-4.1-0, libgtk-3-0
Section: utils
Priority: optional
Description: password vault with end-to-end encrypted sync
 Vaultbar keeps your passwords in a vault encrypted under your login
 password, in the tray, and can keep several computers in step through
 a folder a sync service copies (iCloud Drive, Dropbox, Syncthing),
 encrypted end to end under a separate cloud sync password.
 .
 The package holds the app (vaultbar-app) and the command line
 (vaultbar).
CONTROL

mkdir -p build/bin
rm -f build/bin/vaultbar_*.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "$out"
