package main

import (
	"encoding/json"
	"testing"

	"vaultbar/backend/service"
)

func TestBackupRestore(t *testing.T) {
	c := initialised(t)
	c.ok("add", "login", "First")
	c.ok("add", "login", "Second")
	c.ok("ls") // opening folds the journal into a new snapshot and keeps a backup
	var bs []service.Backup
	if err := json.Unmarshal([]byte(c.ok("backup", "ls", "--json")), &bs); err != nil || len(bs) < 2 {
		t.Fatalf("backup ls --json = %+v, %v", bs, err)
	}
	wantIn(t, "backup ls", c.ok("backup", "ls"), "NAME", bs[0].Name)

	oldest := bs[len(bs)-1].Name // the vault as init made it
	wantIn(t, "backup restore", c.ok("backup", "restore", oldest), "Restored the vault from backup "+oldest)
	wantNotIn(t, "ls after restoring the first backup", c.ok("ls"), "First", "Second")

	c.fails(exitGeneral, "not the name of a backup", "vaultbar backup ls", "backup", "restore", "nonsense")
	c.env["VAULTBAR_PASSWORD"] = "a wrong but long password"
	c.fails(exitWrongPassword, "not right", "Caps Lock", "backup", "restore", bs[0].Name)
}
