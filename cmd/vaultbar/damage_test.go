package main

import (
	"os"
	"path/filepath"
	"testing"

	"vaultbar/backend/service"
)

func TestVaultInUseByAnotherProcess(t *testing.T) {
	c := initialised(t)
	other := service.New(c.home) // this test process plays the app
	if err := other.Unlock([]byte(password)); err != nil {
		t.Fatal(err)
	}
	defer other.Lock()
	c.fails(exitInUse, "the vault is open in another Vaultbar process", "quit the other", "ls")
}

func TestDamagedVault(t *testing.T) {
	c := initialised(t)
	c.ok("add", "login", "GitHub")
	path := filepath.Join(c.home, "vault", "vault.vbv")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-1] ^= 0xff
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	r := c.run("ls")
	if r.code != exitDamaged {
		t.Fatalf("ls on a damaged vault: exit %d, want %d\n%s", r.code, exitDamaged, r.stderr)
	}
	wantIn(t, "damaged stderr", r.stderr, "error: the vault file", "damaged", "hint: ")
}
