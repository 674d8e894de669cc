package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vaultbar/backend/service"
)

// restoreWorld is a vault with a backup holding First and Second, then
// First's password changed and Third added.
func restoreWorld(t *testing.T) (*cli, string) {
	c := initialised(t)
	c.ok("add", "login", "First", "password=first-1")
	c.ok("add", "login", "Second")
	c.ok("ls") // opening folds the journal into a new snapshot and keeps a backup
	c.ok("edit", "first", "password=first-2")
	c.ok("ls") // ...and now the snapshot with First and Second is a backup
	var bs []service.Backup
	if err := json.Unmarshal([]byte(c.ok("backup", "ls", "--json")), &bs); err != nil || len(bs) < 2 {
		t.Fatalf("backup ls --json = %+v, %v", bs, err)
	}
	wantIn(t, "backup ls", c.ok("backup", "ls"), "NAME", bs[0].Name)
	c.ok("add", "login", "Third")
	return c, bs[0].Name
}

func TestBackupRestore(t *testing.T) {
	c, name := restoreWorld(t)
	before := c.ok("ls")

	dry := c.ok("backup", "restore", name, "--dry-run")
	wantIn(t, "restore --dry-run", dry, "Restoring backup "+name,
		"records: 1 changed, 0 restored, 1 removed", "groups:  0 changed", "types:   0 changed", "Nothing was changed")
	if got := c.ok("ls"); got != before {
		t.Fatalf("--dry-run changed the vault:\n%s\nwas\n%s", got, before)
	}

	// No terminal to confirm on and no --yes: refused, nothing changed.
	c.fails(exitUsage, "needs a confirmation", "--yes", "backup", "restore", name)
	if got := c.ok("ls"); got != before {
		t.Fatalf("an unconfirmed restore changed the vault:\n%s", got)
	}

	out := c.ok("backup", "restore", name, "--yes")
	wantIn(t, "restore --yes", out, "Restored backup "+name+": 2 records, 0 groups and 0 types changed")
	ls := c.ok("ls")
	wantIn(t, "ls after restore", ls, "First", "Second")
	wantNotIn(t, "ls after restore", ls, "Third")
	wantIn(t, "ls --deleted after restore", c.ok("ls", "--deleted"), "Third")
	wantIn(t, "show first after restore", c.ok("show", "first", "--reveal", "--history"), "first-1", "first-2")

	wantIn(t, "restoring it again", c.ok("backup", "restore", name), "nothing to restore")
}

// A record deleted permanently after the backup stays deleted when the
// backup is restored, and the restore says so.
func TestBackupRestoreKeepsAPurge(t *testing.T) {
	c, _ := restoreWorld(t)
	c.ok("rm", "second")
	c.ok("purge", "--yes", "second")
	// The sessions made newer backups; the oldest kept still has Second.
	var bs []service.Backup
	if err := json.Unmarshal([]byte(c.ok("backup", "ls", "--json")), &bs); err != nil || len(bs) == 0 {
		t.Fatalf("backup ls --json = %+v, %v", bs, err)
	}
	name := bs[len(bs)-1].Name
	dry := c.ok("backup", "restore", name, "--dry-run")
	wantIn(t, "restore --dry-run after a purge", dry, "1 record deleted permanently since this backup stays deleted.")
	c.ok("backup", "restore", name, "--yes")
	wantNotIn(t, "ls after restore", c.ok("ls"), "Second")
	wantNotIn(t, "ls --deleted after restore", c.ok("ls", "--deleted"), "Second")
}

func TestBackupRestoreRefusals(t *testing.T) {
	c, name := restoreWorld(t)
	for _, bad := range []string{"vault-20200101-000000.vbv", "nonsense"} {
		r := c.fails(exitNotFound, "there is no backup named "+bad, "vaultbar backup ls", "backup", "restore", bad, "--yes")
		if n := strings.Count(r.stderr, bad); n != 1 {
			t.Errorf("the error names %s %d times:\n%s", bad, n, r.stderr)
		}
	}
	dir := filepath.Join(c.home, "vault", "backups")
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0x40
	if err := os.WriteFile(filepath.Join(dir, "vault-20200102-000000.vbv"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	r := c.fails(exitGeneral, "its contents do not authenticate", "choose another backup", "backup", "restore", "vault-20200102-000000.vbv", "--dry-run")
	if n := strings.Count(r.stderr, "vault-20200102-000000.vbv"); n != 1 {
		t.Errorf("the error names the damaged backup %d times:\n%s", n, r.stderr)
	}
	c.fails(exitUsage, "expected one argument", "backup restore <name>", "backup", "restore")
	c.fails(exitUsage, "unknown flag --force", "--dry-run", "backup", "restore", name, "--force")
	c.env["VAULTBAR_PASSWORD"] = "a wrong but long password"
	c.fails(exitWrongPassword, "not right", "Caps Lock", "backup", "restore", name)
}

// A vault that does not open can't take the restore as edits: the backup
// replaces it whole, after the same confirmation, and the damaged files
// are kept beside it.
func TestBackupRestoreIntoADamagedVault(t *testing.T) {
	c, name := restoreWorld(t)
	path := filepath.Join(c.home, "vault", "vault.vbv")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-1] ^= 0xff
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	c.fails(exitDamaged, "damaged", "", "ls")
	c.fails(exitNotFound, "there is no backup named vault-20200101-000000.vbv", "vaultbar backup ls", "backup", "restore", "vault-20200101-000000.vbv")
	wantIn(t, "--dry-run on a damaged vault", c.ok("backup", "restore", name, "--dry-run"), "The vault does not open", "replaces it with backup "+name, "Nothing was changed")
	c.fails(exitUsage, "needs a confirmation", "--yes", "backup", "restore", name)
	wantIn(t, "restore into a damaged vault", c.ok("backup", "restore", name, "--yes"), "Restored the vault from backup "+name)
	ls := c.ok("ls")
	wantIn(t, "ls after replacing", ls, "First", "Second")
	aside, _ := filepath.Glob(path + ".damaged-*")
	if len(aside) != 1 {
		t.Fatalf("damaged files kept: %v", aside)
	}
	if kept, err := os.ReadFile(aside[0]); err != nil || string(kept) != string(b) {
		t.Fatalf("the damaged vault kept aside differs: %v", err)
	}
}
