package platform_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"text/template"

	"vaultbar/backend/platform"
	"vaultbar/backend/service"
)

// The macOS bundle's files (build/darwin) checked here, since nothing runs
// on a Mac in CI: they must be XML property lists that parse, and agree
// with the code on the container, the bundle id and the Dock.

const repo = "../.."

// renderInfo fills an Info.plist template the way `wails build` does,
// from wails.json's info.
func renderInfo(t *testing.T, name string) map[string]any {
	t.Helper()
	var cfg struct{ Info map[string]any }
	raw, err := os.ReadFile(filepath.Join(repo, "wails.json"))
	if err != nil || json.Unmarshal(raw, &cfg) != nil {
		t.Fatalf("wails.json: %v", err)
	}
	info := map[string]any{"FileAssociations": nil, "Protocols": nil}
	for k, v := range cfg.Info {
		info[strings.ToUpper(k[:1])+k[1:]] = v
	}
	tmpl, err := template.ParseFiles(filepath.Join(repo, "build", "darwin", name))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := tmpl.Execute(&out, map[string]any{"Info": info, "OutputFilename": "vaultbar"}); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return parseDict(t, name, out.Bytes())
}

func parseDict(t *testing.T, name string, data []byte) map[string]any {
	t.Helper()
	v, err := platform.ParsePlist(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	d, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s: the top level is %T, not a dict", name, v)
	}
	return d
}

func TestInfoPlists(t *testing.T) {
	for _, name := range []string{"Info.plist", "Info.dev.plist"} {
		d := renderInfo(t, name)
		if d["CFBundleIdentifier"] != "app.vaultbar" || d["CFBundleExecutable"] != "vaultbar" {
			t.Errorf("%s: bundle id %v, executable %v", name, d["CFBundleIdentifier"], d["CFBundleExecutable"])
		}
		containers, _ := d["NSUbiquitousContainers"].(map[string]any)
		want := map[string]any{"NSUbiquitousContainerIsDocumentScopePublic": true, "NSUbiquitousContainerName": "Vaultbar"}
		if got := containers[platform.ContainerID]; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: NSUbiquitousContainers[%s] = %#v, want %#v", name, platform.ContainerID, got, want)
		}
		// Vaultbar starts as a menu-bar (accessory) app, the state the
		// default "Show in Dock: off" asks for, so no Dock tile flashes up
		// at launch; the activation policy (backend/tray/dock_darwin.go)
		// then follows the preference and shows the tile with Preferences.
		if d["LSUIElement"] != true || service.DefaultSettings().ShowInDock {
			t.Errorf("%s: LSUIElement %v while Show in Dock defaults to %v", name, d["LSUIElement"], service.DefaultSettings().ShowInDock)
		}
	}
}

func TestEntitlements(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repo, "build", "darwin", "vaultbar.entitlements"))
	if err != nil {
		t.Fatal(err)
	}
	d := parseDict(t, "vaultbar.entitlements", data)
	for key, want := range map[string]any{
		"com.apple.developer.icloud-container-identifiers":   []any{platform.ContainerID},
		"com.apple.developer.ubiquity-container-identifiers": []any{platform.ContainerID},
		"com.apple.developer.icloud-services":                []any{"CloudDocuments"},
		"com.apple.developer.icloud-container-environment":   "Production",
		"keychain-access-groups":                             []any{"$(AppIdentifierPrefix)app.vaultbar"},
		"com.apple.application-identifier":                   "$(AppIdentifierPrefix)app.vaultbar",
	} {
		if !reflect.DeepEqual(d[key], want) {
			t.Errorf("%s = %#v, want %#v", key, d[key], want)
		}
	}
}
