package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vaultbar/internal/disktest"
)

// Found by attacking the vault folder as a clumsy user would: each error
// names what to fix, following its hint works, and nothing changes before.

// A link to itself or to nowhere in place of a vault file or the lock file
// is named as a non-file to move away, not a raw "too many levels of
// symbolic links" or "no such file" without a hint.
func TestBadLinkInPlaceOfAVaultFile(t *testing.T) {
	for _, tc := range []struct{ name, target string }{
		{"vault.vbj", ""}, // "": a link to itself
		{"vault.vbc", ""},
		{"vault.lock", ""},
		{"vault.lock", "/nonexistent/vault.lock"},
	} {
		t.Run(tc.name+tc.target, func(t *testing.T) {
			c := initialised(t)
			c.ok("add", "login", "GitHub", "username=alice")
			p := c.vault(tc.name)
			aside := filepath.Join(c.home, "aside")
			if err := os.Rename(p, aside); err != nil {
				t.Fatal(err)
			}
			target := tc.target
			if target == "" {
				target = p
			}
			if err := os.Symlink(target, p); err != nil {
				t.Fatal(err)
			}
			before := disktest.Snapshot(t, c.home)
			c.fails(exitGeneral, p+" is a folder (or another non-file) where Vaultbar keeps a file", "move it out of the vault folder", "ls")
			if d := disktest.Diff(before, disktest.Snapshot(t, c.home)); d != "" {
				t.Fatalf("ls changed the disk:\n%s", d)
			}
			// The hint, followed (and the real file put back).
			os.Rename(p, p+".moved")
			os.Rename(aside, p)
			wantIn(t, "ls", c.ok("ls"), "GitHub")
		})
	}
}

// A vault folder this user may not search: the error names the folder, so
// the hint's chmod works; on the file inside it, chmod can't reach it.
func TestUnsearchableVaultFolderIsNamed(t *testing.T) {
	c := newCLI(t)
	asNobody(t, c)
	c.ok("init")
	c.ok("add", "login", "GitHub", "username=alice")
	dir := filepath.Join(c.home, "vault")
	os.Chmod(dir, 0)
	defer os.Chmod(dir, 0o700)
	r := c.fails(exitGeneral, "permission denied: this user may not read or write "+dir, "chmod u+rwX", "ls")
	if strings.Contains(r.stderr, "vault.vbv") {
		t.Errorf("the error names the file inside the folder, which chmod can't reach:\n%s", r.stderr)
	}
	os.Chmod(dir, 0o700) // the hint, followed
	wantIn(t, "ls", c.ok("ls"), "GitHub")
}

// An export into a folder that is not there, or that this user may not
// write, names the export's path and why, not a temp file's name or "the
// vault's folder".
func TestExportWhereItCantBeWritten(t *testing.T) {
	c := newCLI(t)
	asNobody(t, c)
	c.ok("init")
	c.ok("add", "login", "GitHub", "username=alice")
	missing := filepath.Join(c.home, "no such folder", "out.csv")
	c.fails(exitGeneral, "the export could not be written to "+missing+" (no such file or directory)", "choose a folder that exists", "export", "--format", "csv", "--output", missing, "--yes")
	ro := filepath.Join(c.home, "read-only")
	os.Mkdir(ro, 0o500)
	os.Chown(ro, 65534, 65534)
	out := filepath.Join(ro, "out.csv")
	c.fails(exitGeneral, "the export could not be written to "+out, "you may write to", "export", "--format", "csv", "--output", out, "--yes")
	if names, _ := os.ReadDir(ro); len(names) != 0 {
		t.Fatalf("left in the folder: %v", names)
	}
}

// VAULTBAR_HOME naming a file: every command names the data folder, not
// "vault.vbv is missing" (whose hint, recover, can't help) or a socket's
// "not a directory" without a hint; the file is left as it was.
func TestDataFolderIsAFile(t *testing.T) {
	c := newCLI(t)
	file := filepath.Join(c.home, "notes.txt")
	if err := os.WriteFile(file, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	c.home = file
	for _, args := range [][]string{{"init"}, {"ls"}, {"recover", "--yes"}, {"init", "--force"}} {
		c.fails(exitGeneral, "the data folder "+file+" is a file", "set VAULTBAR_HOME to a folder", args...)
	}
	c.home = filepath.Join(file, "sub")
	c.fails(exitGeneral, "the data folder "+c.home+" is a file (or inside one)", "set VAULTBAR_HOME to a folder", "ls")
	if b, err := os.ReadFile(file); err != nil || string(b) != "mine" {
		t.Fatalf("the file is now %q, %v", b, err)
	}
}

// A `passwd` cut short (kill -9, a power cut) after the new vault.vbv is
// written leaves some backups under the old password. The old password
// must then be "not right", not "damaged: run `vaultbar recover`", whose
// rebuild from those old backups loses the edits made since them and puts
// the vault back under the old password.
func TestPasswdCutShortOldPasswordIsWrongNotDamage(t *testing.T) {
	c := initialised(t)
	c.ok("add", "login", "GitHub", "username=alice")
	c.ok("edit", "GitHub", "username=edited")
	c.ok("ls") // the edit's journal goes into a backup
	list, _ := filepath.Glob(c.vault("backups/vault-*.vbv"))
	if len(list) == 0 {
		t.Fatal("no backup")
	}
	oldBackup, _ := os.ReadFile(list[len(list)-1])
	newPassword := "a brand new passphrase here"
	c.env["VAULTBAR_NEW_PASSWORD"] = newPassword
	c.ok("passwd")
	// What a cut-short change leaves: a backup still under the old key.
	os.WriteFile(c.vault("backups/vault-20200101-000000.vbv"), oldBackup, 0o600)
	before := disktest.Snapshot(t, c.home, "vault.lock")
	c.fails(exitWrongPassword, "the login password is not right", "check Caps Lock", "ls")
	if d := disktest.Diff(before, disktest.Snapshot(t, c.home, "vault.lock")); d != "" {
		t.Fatalf("ls changed the disk:\n%s", d)
	}
	c.env["VAULTBAR_PASSWORD"] = newPassword
	if got := c.fields("GitHub")["Username"]; got != "edited" {
		t.Fatalf("with the new password, GitHub's username is %q", got)
	}
}

// A folder in place of the journal, its saves gone with it: recover sets
// it aside and says that the saves vault.vbc vouches for may be missing,
// never "nothing is known to be missing".
func TestRecoverOverAFolderInPlaceOfTheJournalNamesItsSaves(t *testing.T) {
	c := initialised(t)
	c.ok("add", "login", "GitHub", "username=alice")
	c.ok("ls")
	c.ok("edit", "GitHub", "username=edited") // only in vault.vbj
	j := c.vault("vault.vbj")
	os.Rename(j, filepath.Join(c.home, "journal-moved-away"))
	os.Mkdir(j, 0o700)
	out := c.ok("recover", "--yes")
	wantIn(t, "recover", out, "may be missing: the last 1 save of vault.vbj (it is not a file)")
	if strings.Contains(out, "nothing is known to be missing") {
		t.Fatalf("recover:\n%s", out)
	}
}

// Refused input after edits changes no byte of the vault: opening only
// reads, and the journal of the earlier commands is folded into the vault
// file (rotating the backups) only by a command that saves.
func TestRefusedCommandAfterAnEditChangesNothing(t *testing.T) {
	c := initialised(t)
	for i := range 3 {
		c.ok("add", "login", fmt.Sprint("Site ", i), "username=u")
	}
	c.ok("edit", "Site 1", "username=edited")
	dir := filepath.Join(c.home, "vault")
	before := disktest.Snapshot(t, dir, "vault.lock")
	c.fails(exitUsage, "the field Username is given twice", "give each field once", "add", "login", "x", "username=a", "username=b")
	c.fails(exitUsage, "the field Username is given twice", "give each field once", "edit", "Site 1", "username=a", "username=b")
	c.ok("ls")
	if d := disktest.Diff(before, disktest.Snapshot(t, dir, "vault.lock")); d != "" {
		t.Fatalf("refused commands and ls changed files:\n%s", d)
	}
	if got := c.fields("Site 1"); got["Username"] != "edited" {
		t.Fatalf("Site 1 = %v", got)
	}
}
