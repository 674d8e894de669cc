package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"vaultbar/backend/service"
	"vaultbar/internal/disktest"
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

// Issue 9's cases through the CLI: what the user sees, what is recovered
// field by field, and that no file's content is lost.

// fiveRecords adds five records and edits two, one command each, as the
// issue's reproduction did. It returns each record's expected fields.
func fiveRecords(c *cli) map[string]map[string]string {
	want := map[string]map[string]string{}
	for i := range 5 {
		name := fmt.Sprintf("Site %d", i)
		c.ok("add", "login", name, "username=user"+fmt.Sprint(i), "password=secret-"+fmt.Sprint(i))
		want[name] = map[string]string{"Username": "user" + fmt.Sprint(i), "Password": "secret-" + fmt.Sprint(i)}
	}
	for _, i := range []int{1, 3} {
		name := fmt.Sprintf("Site %d", i)
		c.ok("edit", name, "username=edited"+fmt.Sprint(i))
		want[name]["Username"] = "edited" + fmt.Sprint(i)
	}
	return want
}

// fields returns a record's fields by label, as `show --json --reveal`
// gives them, or nil if there is no such record.
func (c *cli) fields(name string) map[string]string {
	c.t.Helper()
	r := c.run("show", name, "--json", "--reveal")
	if r.code != 0 {
		return nil
	}
	var v struct {
		Fields []struct{ Label, Value string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		c.t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range v.Fields {
		out[f.Label] = f.Value
	}
	return out
}

// wantRecords checks every record field by field, except those in lost.
func (c *cli) wantRecords(want map[string]map[string]string, lost ...string) {
	c.t.Helper()
	for name, fields := range want {
		if slices.Contains(lost, name) {
			continue
		}
		got := c.fields(name)
		for label, v := range fields {
			if got[label] != v {
				c.t.Errorf("%s: %s = %q, want %q", name, label, got[label], v)
			}
		}
	}
}

func (c *cli) vault(name string) string { return filepath.Join(c.home, "vault", name) }

// keptAll fails if the content of a file in before is nowhere in after:
// recovery renames and links, it never deletes.
func keptAll(t *testing.T, before, after map[string]string) {
	t.Helper()
	have := map[string]bool{}
	for _, h := range after {
		have[h] = true
	}
	for p, h := range before {
		if !have[h] {
			t.Errorf("the content of %s is gone", p)
		}
	}
}

// recoverCLI checks what opening says, that the dry run and a refused
// prompt change nothing, then recovers with --yes and returns its stdout.
func (c *cli) recoverCLI(wantErr string) string {
	c.t.Helper()
	dir := filepath.Join(c.home, "vault")
	before := disktest.Snapshot(c.t, dir, "vault.lock")
	c.fails(exitDamaged, wantErr, "run `vaultbar recover` to rebuild it from every copy that is still intact: ", "ls")
	dry := c.ok("recover", "--dry-run")
	wantIn(c.t, "recover --dry-run", dry, "Would recover ")
	c.fails(exitUsage, "recover asks before writing", "vaultbar recover --yes", "recover")
	if d := disktest.Diff(before, disktest.Snapshot(c.t, dir, "vault.lock")); d != "" {
		c.t.Fatalf("a failed open, a dry run or a refused recovery changed files:\n%s", d)
	}
	out := c.ok("recover", "--yes")
	keptAll(c.t, before, disktest.Snapshot(c.t, dir, "vault.lock"))
	wantIn(c.t, "recover", out, "Recovered ")
	if again := c.ok("recover", "--yes"); !strings.Contains(again, "Nothing is damaged") {
		c.t.Errorf("a second recovery: %s", again)
	}
	return out
}

// Case 1: a byte flipped in the journal loses only the save it was in.
func TestRecoverFlippedJournalByte(t *testing.T) {
	c := initialised(t)
	want := fiveRecords(c)
	flipByte(t, c.vault("vault.vbj"), func(n int) int { return n - 40 })
	out := c.recoverCLI("vault.vbj is damaged")
	wantIn(t, "recover", out, "may be missing: save 1 of vault.vbj (damaged)", "Kept the damaged files as ", "vault.vbj.damaged-")
	c.wantRecords(want, "Site 3") // the last edit was that save
	if got := c.fields("Site 3"); got["Username"] != "user3" {
		t.Errorf("Site 3 is not its state before the lost edit: %v", got)
	}
}

// Case 1, reversed: a damaged vault.vbv loses nothing, because its backup
// and the journals kept with the backups hold everything.
func TestRecoverFlippedVaultByte(t *testing.T) {
	c := initialised(t)
	want := fiveRecords(c)
	flipByte(t, c.vault("vault.vbv"), func(n int) int { return n / 2 })
	out := c.recoverCLI("vault.vbv is damaged")
	wantIn(t, "recover", out, "nothing is known to be missing", "vault.vbv.damaged-")
	c.wantRecords(want)
}

// Case 2: a journal cut short or emptied is reported, never taken for a
// shorter one, and kept.
func TestRecoverCutJournal(t *testing.T) {
	for name, cut := range map[string]func(n int) int{"half": func(n int) int { return n / 2 }, "emptied": func(int) int { return 0 }} {
		t.Run(name, func(t *testing.T) {
			c := initialised(t)
			want := fiveRecords(c)
			b, _ := os.ReadFile(c.vault("vault.vbj"))
			os.WriteFile(c.vault("vault.vbj"), b[:cut(len(b))], 0o600)
			out := c.recoverCLI("vault.vbj is damaged")
			wantIn(t, "recover", out, "may be missing: ", "vault.vbj", "vault.vbj.damaged-")
			c.wantRecords(want, "Site 3")
		})
	}
}

// Case 3: with vault.vbv gone and backups left, every command says the
// vault is damaged, init refuses, and recovery brings everything back.
func TestMissingVaultFileIsDamageNotNoVault(t *testing.T) {
	c := initialised(t)
	want := fiveRecords(c)
	os.Remove(c.vault("vault.vbv"))
	c.fails(exitDamaged, "vault.vbv is missing, but its journal or backups are here", "vaultbar recover", "init")
	out := c.recoverCLI("vault.vbv is damaged (the file is missing)")
	wantIn(t, "recover", out, "nothing is known to be missing")
	c.wantRecords(want)
}

// Case 3: init never buries a vault; --force moves it into a dated folder.
func TestInitForceMovesTheOldVaultAside(t *testing.T) {
	c := initialised(t)
	want := fiveRecords(c)
	dir := filepath.Join(c.home, "vault")
	before := disktest.Snapshot(t, dir, "vault.lock")
	c.fails(exitInvalid, "a vault already exists here", "vaultbar init --force", "init")
	out := c.ok("init", "--force")
	wantIn(t, "init --force", out, "Moved the old vault's files into "+filepath.Join(dir, "old-"))
	keptAll(t, before, disktest.Snapshot(t, dir, "vault.lock"))
	if got := c.ok("ls"); strings.Contains(got, "Site") {
		t.Fatalf("the new vault is not empty:\n%s", got)
	}
	old, _ := filepath.Glob(filepath.Join(dir, "old-*"))
	c2 := &cli{t: t, home: t.TempDir(), env: c.env}
	os.Rename(old[0], filepath.Join(c2.home, "vault"))
	c2.wantRecords(want) // the old vault still opens where it is moved to
}

func flipByte(t *testing.T, path string, at func(n int) int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[at(len(b))] ^= 0x20
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// asNobody makes c's commands run as an unprivileged user, where chmod
// denies access: tests run as root here, and root ignores permissions.
// The binary runs under setpriv(1), inside timeout(1) so a hang (issue 9,
// case 5: a loop of failing stats) fails the test instead of stalling it.
func asNobody(t *testing.T, c *cli) {
	t.Helper()
	if os.Geteuid() != 0 {
		return // permissions already apply
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("running as root without setpriv(1): chmod can't deny access")
	}
	os.Chmod(filepath.Dir(binary), 0o755)
	os.Chmod(filepath.Dir(c.home), 0o755)
	wrapper := filepath.Join(t.TempDir(), "vaultbar-as-nobody")
	script := fmt.Sprintf("#!/bin/sh\nexec timeout 120 %s --reuid=65534 --regid=65534 --clear-groups %s \"$@\"\n", setpriv, binary)
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(filepath.Dir(wrapper), 0o755)
	real := binary
	binary = wrapper
	t.Cleanup(func() { binary = real })
	if err := os.Chown(c.home, 65534, 65534); err != nil {
		t.Fatal(err)
	}
}

// Cases 5 and 7: an unreadable backups folder neither hangs a command nor
// leaves a temp file; an unreadable file or a folder in a file's place is
// named, with the real cause and a hint.
func TestUnreadableFilesNameTheCause(t *testing.T) {
	c := newCLI(t)
	asNobody(t, c)
	c.ok("init")
	c.ok("add", "login", "GitHub", "username=alice")
	backups := c.vault("backups")
	os.Chmod(backups, 0)
	defer os.Chmod(backups, 0o700)
	c.ok("add", "login", "GitLab", "username=bob")
	wantIn(t, "ls", c.ok("ls"), "GitHub", "GitLab")
	temps, _ := filepath.Glob(c.vault(".*tmp-*"))
	btemps, _ := filepath.Glob(filepath.Join(backups, ".*tmp-*"))
	if len(temps)+len(btemps) > 0 {
		t.Fatalf("temp files left: %v %v", temps, btemps)
	}
	c.fails(exitGeneral, "permission denied: this user may not read or write "+backups, "chmod", "backup", "ls")
	os.Chmod(backups, 0o700)

	os.Chmod(c.vault("vault.vbv"), 0)
	c.fails(exitGeneral, "permission denied: this user may not read or write "+c.vault("vault.vbv"), "chmod", "ls")
	os.Chmod(c.vault("vault.vbv"), 0o600)
	wantIn(t, "ls", c.ok("ls"), "GitHub", "GitLab")
}

func TestFolderInPlaceOfTheJournal(t *testing.T) {
	c := initialised(t)
	c.ok("add", "login", "GitHub", "username=alice")
	j := c.vault("vault.vbj")
	os.Rename(j, j+".moved")
	os.Mkdir(j, 0o700)
	c.fails(exitGeneral, j+" is a folder (or another non-file) where Vaultbar keeps a file", "move it out of the vault folder", "ls")
	os.Remove(j)
	os.Rename(j+".moved", j)
	wantIn(t, "ls", c.ok("ls"), "GitHub")
}
