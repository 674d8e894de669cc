#!/usr/bin/env bash
# Generates the TypeScript bindings for the bound Go methods
# (frontend/wailsjs/) and builds the frontend into frontend/dist/, which
# main.go embeds.
set -euo pipefail
cd "$(dirname "$0")/.."
TAGS=${TAGS:-webkit2_41}

# main.go embeds frontend/dist, and the Go package does not compile while
# that folder is empty; binding generation compiles it, so seed a file.
# (Vite empties the folder when it builds.)
mkdir -p frontend/dist
[[ -n $(ls -A frontend/dist) ]] || echo 'not built yet' > frontend/dist/placeholder.txt

echo "==> Generating bindings (frontend/wailsjs)"
if ! out=$(wails generate module -tags "$TAGS" 2>&1); then
	echo "$out" >&2
	exit 1
fi

echo "==> Building the frontend (frontend/dist)"
cd frontend
npm run --silent build -- --logLevel warn
