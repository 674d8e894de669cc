#!/usr/bin/env bash
# Usage: scripts/fuzz.sh [FUZZTIME]
#
# Runs every Go fuzz target (func FuzzXxx in a _test.go file) for FUZZTIME
# each (default 10s), one after another. New failing inputs land in the
# package's testdata/fuzz/ folder; commit them as regression tests.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-10s}

targets=$(git ls-files --cached --others --exclude-standard '*_test.go' |
	xargs -r grep -H -o '^func Fuzz[A-Za-z0-9_]*' | sed 's/:func / /' | sort -u)
if [[ -z $targets ]]; then
	echo "no fuzz targets found"
	exit 0
fi

failed=0
while read -r file name; do
	pkg="./$(dirname "$file")"
	echo "==> $name in $pkg ($fuzztime)"
	go test -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" "$pkg" || failed=1
done <<<"$targets"
exit $failed
