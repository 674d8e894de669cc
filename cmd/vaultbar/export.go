package main

import (
	"errors"
	"fmt"
	"strings"

	"vaultbar/backend/service"
)

const exportUsage = "export --format vaultbar|kdbx|keepass-xml|csv|bitwarden-json --output FILE [--yes]"

var exportCmd = command{
	name:    "export",
	usage:   exportUsage,
	summary: "export the vault to a file another app (or Vaultbar) can import",
	help: `Writes every record to FILE, which must not exist yet:

  vaultbar    Vaultbar's own export, encrypted with a password of its own;
              keeps record types and history (vaultbar import reads it)
  kdbx        a KeePass database (KDBX 4, Argon2id), encrypted; opens in
              KeePassXC and KeePass
  keepass-xml KeePass 2 XML, NOT encrypted
  csv         CSV with the columns type,name,groups,username,password,url,
              otp,notes,favorite,fields, NOT encrypted
  bitwarden-json  Bitwarden's JSON export, NOT encrypted

The export password is asked for twice (or taken from
VAULTBAR_EXPORT_PASSWORD). A format that is not encrypted asks before
writing; --yes answers for scripts.`,
	run: runExport,
}

var exportFlags = flags{bools: []string{"yes"}, strings: []string{"format", "output"}}

func runExport(e *env, args []string) error {
	p, err := exportFlags.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 0, 0, exportUsage); err != nil {
		return err
	}
	id, ok1 := p.last("format")
	out, ok2 := p.last("output")
	if !ok1 || !ok2 {
		return usageError("export needs --format and --output").withHint("usage: vaultbar " + exportUsage)
	}
	f, err := service.LookupExport(id)
	if err != nil {
		return usageError("%q is not an export format", id).withHint("usage: vaultbar " + exportUsage)
	}
	pw, err := e.exportPassword(p, f, out)
	if err != nil {
		return err
	}
	defer wipe(pw)
	return e.withVault(func(svc *service.VaultService) error {
		if err := svc.ExportFile(out, f.ID, pw); err != nil {
			if errors.Is(err, service.ErrExportExists) {
				return failure(exitInvalid, "%s already exists", out).withHint("choose another file name; Vaultbar never replaces a file")
			}
			return err
		}
		fmt.Fprintf(e.stdout, "Exported the vault to %s (%s).\n", out, f.Name)
		if !f.Encrypted {
			fmt.Fprintf(e.stdout, "%s holds your passwords in plain text: delete it as soon as it has been imported.\n", out)
		}
		return nil
	})
}

// exportPassword asks for an encrypted format's password, or confirms a
// plaintext one.
func (e *env) exportPassword(p parsed, f service.ExportFormat, out string) ([]byte, error) {
	if !f.Encrypted {
		fmt.Fprintf(e.stderr, "warning: %s will not be encrypted: anyone who can read it sees every password.\n", out)
		return nil, e.confirm(p, "Write "+strings.TrimSpace(out)+" unencrypted?")
	}
	if pw := e.getenv(envExportPassword); pw != "" {
		return []byte(pw), nil
	}
	return e.typedTwice(envExportPassword, "Password for the export")
}
