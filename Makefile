# Vaultbar: build, run and test.
#
#   make run          install what is missing, build, start the app
#   make test         every check and test: Go, frontend, end to end
#   make bench        Go benchmarks
#   make measure-ui   the window's figures on 10k and 100k vaults (printed, never asserted)
#   make screenshots  PNGs of the real app window in screenshots/
#   make fuzz         every Go fuzz target for FUZZTIME (default 10s) each
#   make package      the Linux package, build/bin/vaultbar_<version>_<arch>.deb
#
# Linux builds use WebKitGTK 4.1 (tag webkit2_41). Longer logic lives in scripts/.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

GOBIN := $(or $(shell go env GOBIN),$(shell go env GOPATH)/bin)
export PATH := $(GOBIN):$(PATH)

TAGS     := webkit2_41
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X main.version=$(VERSION)
APP      := build/bin/vaultbar
DEV_APP  := build/bin/vaultbar-dev
FUZZTIME ?= 10s
# The packages that must build on macOS without cgo (the app itself needs cgo).
DARWIN_PKGS := $(patsubst %,./%/...,$(wildcard backend cmd))

# go test runs inside a private D-Bus session with an unlocked gnome-keyring,
# so the Secret Service tests reach a real keyring.
KEYRING  := scripts/with-keyring.sh

.PHONY: deps frontend build build-dev run test test-go test-frontend test-e2e \
	lint bench measure-ui screenshots fuzz clean package test-package

deps:
	@scripts/deps.sh

# frontend/wailsjs (generated bindings) and frontend/dist (embedded by main.go).
frontend: deps
	@scripts/frontend.sh

build: frontend
	@echo "==> Building $(APP) ($(VERSION))"
	@mkdir -p build/bin
	@wails build -s -skipbindings -m -nosyncgomod -tags $(TAGS) -ldflags "$(LDFLAGS)" \
		>build/bin/wails-build.log 2>&1 || { cat build/bin/wails-build.log; exit 1; }

# The dev-tagged app serves its UI and Go bindings at -devserver HOST:PORT,
# which is how the e2e specs drive it from a browser.
build-dev: frontend
	@echo "==> Building $(DEV_APP) ($(VERSION))"
	@go build -tags dev,$(TAGS) -ldflags "$(LDFLAGS)" -o $(DEV_APP) .

run: build
	@if [[ $$(uname) == Linux && -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]]; then \
		echo "No display found (DISPLAY is not set). Starting Vaultbar on a virtual X display;"; \
		echo "nothing will be visible. See it with 'make screenshots'; stop it with Ctrl+C."; \
		exec xvfb-run -a $(APP); \
	fi; \
	exec $(APP)

test: lint test-go test-frontend test-e2e test-package
	@echo "==> All tests passed"

lint: frontend
	@echo "==> gofmt"
	@unformatted=$$(git ls-files --cached --others --exclude-standard '*.go' | xargs -r gofmt -l); \
		if [[ -n $$unformatted ]]; then echo "not gofmt'ed:"; echo "$$unformatted"; exit 1; fi
	@echo "==> go vet"
	@go vet -tags $(TAGS) ./...
	@echo "==> shellcheck"
	@shellcheck scripts/*.sh .ci/run
	@echo "==> go vet for macOS (darwin/arm64, no cgo)"
	@GOOS=darwin GOARCH=arm64 CGO_ENABLED=0 go vet $(DARWIN_PKGS)
	@echo "==> go build for macOS (darwin/arm64 and amd64, no cgo: Foundation through purego)"
	@for arch in arm64 amd64; do GOOS=darwin GOARCH=$$arch CGO_ENABLED=0 go build $(DARWIN_PKGS); done

# VAULTBAR_TEST_SECRET_SERVICE=1 makes the keyring tests fail, not skip,
# when no Secret Service answers.
test-go: frontend
	@echo "==> go test -race (with a Secret Service)"
	@VAULTBAR_TEST_SECRET_SERVICE=1 $(KEYRING) go test -race -tags $(TAGS) ./...

test-frontend: frontend
	@echo "==> Frontend type check and component tests"
	@cd frontend && npm run --silent check && npx vitest run

test-e2e: build-dev
	@echo "==> End-to-end specs (e2e/specs, app under Xvfb, Chromium)"
	@mkdir -p test-results
	@cd e2e && VAULTBAR_VERSION=$(VERSION) ../$(KEYRING) \
		xvfb-run -a -s '-screen 0 1280x800x24' node --test --test-concurrency=1
	@echo "==> Menu-bar item of the built app (backend/tray/traytest, under Xvfb)"
	@xvfb-run -a -s '-screen 0 1280x800x24' go test -tags e2e -count=1 ./backend/tray/traytest \
		-app $(CURDIR)/$(DEV_APP) -assets $(CURDIR)/frontend/dist

# The .deb: the app from `make build` as /usr/bin/vaultbar-app, the CLI as
# /usr/bin/vaultbar with its man page, the desktop entry and hicolor icons.
package: build
	@echo "==> Packaging build/bin/vaultbar_*.deb"
	@scripts/package-deb.sh $(APP) $(VERSION)

# Installs the .deb with apt-get (as root), runs the CLI and the app from its
# desktop entry under Xvfb, removes it; the user's home must stay untouched.
test-package: package
	@echo "==> The .deb: install, vaultbar version, the app from its desktop entry, removal"
	@scripts/test-package.sh build/bin/vaultbar_*.deb $(VERSION)

bench: frontend
	@go test -run '^$$' -bench . -benchmem -tags $(TAGS) ./...

measure-ui: build build-dev
	@scripts/measure-ui.sh

screenshots: build
	@echo "==> Screenshots of the app window"
	@scripts/screenshots.sh $(APP) screenshots

fuzz: frontend
	@scripts/fuzz.sh $(FUZZTIME)

clean:
	rm -rf build/bin frontend/dist frontend/wailsjs frontend/package.json.md5 test-results screenshots
