package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A settings.json that can't be used is an error with a hint, once; it is
// set aside, never deleted; sync goes on where it was, from the vault's
// copy of its location. Unreadable: the tests run as root, whom chmod 000
// does not stop, so the test binary is told to read as another user would
// (VAULTBAR_TEST_UNREADABLE_SETTINGS, honoured only with the test tag).
func TestDamagedSettings(t *testing.T) {
	cases := []struct {
		name, cause string
		damage      func(t *testing.T, c *cli, path string)
		kept        func(t *testing.T, aside string)
	}{
		{"junk", "is not valid JSON", damageWith("{not json"), asideHolds("{not json")},
		{"empty", "is empty", damageWith(""), asideHolds("")},
		{"directory", "is a folder, not a file", func(t *testing.T, c *cli, path string) {
			mustOK(t, os.Remove(path))
			mustOK(t, os.MkdirAll(filepath.Join(path, "inside"), 0o700))
		}, func(t *testing.T, aside string) {
			if info, err := os.Stat(filepath.Join(aside, "inside")); err != nil || !info.IsDir() {
				t.Errorf("the folder set aside lost what it held: %v", err)
			}
		}},
		{"unreadable", "can't be read (permission denied)", func(t *testing.T, c *cli, path string) {
			mustOK(t, os.Chmod(path, 0))
			c.env["VAULTBAR_TEST_UNREADABLE_SETTINGS"] = "1"
		}, func(t *testing.T, aside string) {
			if b, err := os.ReadFile(aside); err != nil || !strings.Contains(string(b), `"sync"`) {
				t.Errorf("the unreadable file set aside holds %q, %v", b, err)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			c := initialised(t).withEnv("VAULTBAR_SYNC_PASSWORD", syncPassword)
			c.ok("sync", "setup", "--provider", "folder", "--dir", dir)
			path := filepath.Join(c.home, "settings.json")
			tc.damage(t, c, path)

			r := c.fails(exitGeneral, "settings file "+path+" "+tc.cause, "restored from the encrypted vault", "sync", "status")
			wantIn(t, "the error", r.stderr, "it was set aside as settings.json.damaged-")
			aside, _ := filepath.Glob(path + ".damaged-*")
			if len(aside) != 1 {
				t.Fatalf("files set aside: %v, want one", aside)
			}
			tc.kept(t, aside[0])
			wantIn(t, "sync status after the repair", c.ok("sync", "status"), "Syncing with:", dir)
			wantIn(t, "sync now after the repair", c.ok("sync", "now"), "")
		})
	}
}

func damageWith(content string) func(*testing.T, *cli, string) {
	return func(t *testing.T, _ *cli, path string) { mustOK(t, os.WriteFile(path, []byte(content), 0o600)) }
}

func asideHolds(want string) func(*testing.T, string) {
	return func(t *testing.T, aside string) {
		if b, err := os.ReadFile(aside); err != nil || string(b) != want {
			t.Errorf("the file set aside holds %q, %v; want %q", b, err, want)
		}
	}
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
