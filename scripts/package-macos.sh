#!/usr/bin/env bash
# Usage: TEAM_ID=... PROFILE=... scripts/package-macos.sh
#
# Run by a maintainer on a Mac: builds Vaultbar.app for Apple silicon and
# Intel, signs it with the entitlements (build/darwin/vaultbar.entitlements)
# and the hardened runtime, has Apple notarize it, staples the ticket, and
# wraps it in build/bin/Vaultbar-<version>.dmg, itself signed, notarized
# and stapled. It has never run in CI (there is no Mac there).
#
# Needs: Xcode, Go, Node, the Wails CLI (the version in scripts/deps.sh),
# and in the login keychain a "Developer ID Application" certificate and
# notarytool credentials, stored once with
#   xcrun notarytool store-credentials vaultbar-notary --apple-id ID --team-id TEAM_ID
# Environment:
#   TEAM_ID         the Apple Developer team id
#   PROFILE         the Developer ID provisioning profile of app.vaultbar with
#                   iCloud Documents and iCloud.app.vaultbar (iCloud needs it)
#   SIGN_IDENTITY   the certificate, default "Developer ID Application"
#   NOTARY_PROFILE  the notarytool credentials, default vaultbar-notary
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
	echo "error: $1" >&2
	echo "hint: $2" >&2
	exit 1
}
step() { printf '\n==> %s\n' "$*"; }

[[ $(uname) == Darwin ]] || fail "package-macos.sh runs on a Mac" "on Linux, make package builds the .deb"
[[ -n ${TEAM_ID:-} ]] || fail "TEAM_ID is not set" "set it to your Apple Developer team id"
[[ -f ${PROFILE:-} ]] || fail "PROFILE is not a file" "set it to the Developer ID provisioning profile of app.vaultbar"
identity=${SIGN_IDENTITY:-Developer ID Application}
notary=${NOTARY_PROFILE:-vaultbar-notary}
version=$(git describe --tags --always --dirty)
app=build/bin/Vaultbar.app
dmg=build/bin/Vaultbar-$version.dmg
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# notarize submits a zip or a .dmg and waits; notarytool exits 0 for a
# rejected submission too, so the status is checked.
notarize() {
	local out
	out=$(xcrun notarytool submit "$1" --keychain-profile "$notary" --wait 2>&1) || true
	echo "$out"
	grep -q 'status: Accepted' <<<"$out" || fail "Apple did not accept $1" "xcrun notarytool log <id> --keychain-profile $notary"
}

step "Building $app (darwin/universal, $version)"
wails build -clean -platform darwin/universal -trimpath -ldflags "-X main.version=$version"
[[ -d $app ]] || fail "wails build made no $app" "look at its output above"

step "Signing with the entitlements and the hardened runtime"
cp "$PROFILE" "$app/Contents/embedded.provisionprofile"
sed -e "s/\$(AppIdentifierPrefix)/$TEAM_ID./g" -e "s/\$(TeamIdentifier)/$TEAM_ID/g" \
	build/darwin/vaultbar.entitlements >"$work/vaultbar.entitlements"
codesign --force --options runtime --timestamp --entitlements "$work/vaultbar.entitlements" --sign "$identity" "$app"
codesign --verify --strict --verbose=2 "$app"

step "Notarizing and stapling the app"
ditto -c -k --keepParent "$app" "$work/Vaultbar.zip"
notarize "$work/Vaultbar.zip"
xcrun stapler staple "$app"

step "Making $dmg"
mkdir "$work/dmg"
cp -R "$app" "$work/dmg/"
ln -s /Applications "$work/dmg/Applications"
hdiutil create -volname Vaultbar -srcfolder "$work/dmg" -fs HFS+ -format UDZO -ov "$dmg"
codesign --force --timestamp --sign "$identity" "$dmg"
notarize "$dmg"
xcrun stapler staple "$dmg"
spctl --assess --type open --context context:primary-signature --verbose "$dmg"
echo "$dmg"
