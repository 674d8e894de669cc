package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/csvfmt"
	"vaultbar/backend/interchange/formats"
	"vaultbar/backend/service"
)

const importUsage = "import <file> [--format F] [--columns H=key,...] [--dry-run] [--group G] [--key-file K] [--duplicates skip|merge] [--yes] | import --undo <group>"

// Environment variables of import and export.
const (
	envImportPassword = "VAULTBAR_IMPORT_PASSWORD" // the source file's password
	envExportPassword = "VAULTBAR_EXPORT_PASSWORD" // the export file's password
)

// Exit codes of import and export.
const (
	exitSourcePassword = 20 // the file to import needs a password, or it is not right
	exitSourceDamaged  = 21 // the file to import is damaged or cut short
	exitSourceFormat   = 22 // unknown format, or a CSV with other columns
	exitSourceNewer    = 23 // the file comes from a newer version of its program
	exitSourceTooLarge = 24 // the file, or the work its key derivation asks, is too large
	exitDeclined       = 25 // the user answered no (nothing was written)
)

var importCmd = command{
	name:    "import",
	usage:   importUsage,
	summary: "import records from another password manager's export",
	help: `Reads a file exported by another password manager, shows what it would
add (records per type and group, likely duplicates, extra fields, skipped
entries) and asks before writing. The format is detected from the file;
--format names it (` + "`vaultbar import --formats`" + ` lists them).

The file's password is asked for when it is encrypted (or taken from
VAULTBAR_IMPORT_PASSWORD); --key-file gives a KeePass key file. Every
imported record joins a group "Imported from <format> on <date>", and
` + "`vaultbar import --undo <that group>`" + ` removes them all again.
Records that look like ones already in the vault (same type, name and
username or website) are skipped, or with --duplicates merge, updated.
--dry-run shows the preview and writes nothing; --yes answers the question
for scripts. The file itself is never changed.

A generic CSV (--format generic-csv) has its columns guessed from their
names; --columns "Site=url,Login=username,Secret=password,Name=title"
says which header fills which field (title, username, password, url,
notes, otp, group, tags, favorite, or - to leave a column out). Other
columns become extra fields. The preview shows the mapping used.`,
	run: runImport,
}

var importFlags = flags{bools: []string{"dry-run", "yes", "formats"}, strings: []string{"format", "group", "key-file", "duplicates", "undo", "columns"}}

func init() {
	extraCommands = append(extraCommands, importCmd, exportCmd)
	exitCodeHooks = append(exitCodeHooks, importExitCode)
}

func importExitCode(err error) (int, bool) {
	switch {
	case errors.Is(err, service.ErrImportUnreadable):
		return exitNotFound, true
	case errors.Is(err, interchange.ErrNeedsPassword), errors.Is(err, interchange.ErrWrongPassword):
		return exitSourcePassword, true
	case errors.Is(err, interchange.ErrDamaged):
		return exitSourceDamaged, true
	case errors.As(err, new(*interchange.ColumnError)): // --columns that don't fit the file
		return exitUsage, true
	case errors.Is(err, interchange.ErrUnknownFormat), errors.Is(err, interchange.ErrColumns):
		return exitSourceFormat, true
	case errors.Is(err, interchange.ErrNewerVersion):
		return exitSourceNewer, true
	case errors.Is(err, interchange.ErrTooLarge):
		return exitSourceTooLarge, true
	}
	return 0, false
}

func runImport(e *env, args []string) error {
	p, err := importFlags.parse(args)
	if err != nil {
		return err
	}
	if p.has("formats") {
		return listFormats(e)
	}
	if g, ok := p.last("undo"); ok {
		return undoImport(e, g)
	}
	if err := needArgs(p, 1, 1, importUsage); err != nil {
		return err
	}
	o, err := importOptions(p)
	if err != nil {
		return err
	}
	f, err := e.readImport(p)
	if err != nil {
		return err
	}
	return e.withLocalVault(func(svc *service.VaultService) error { return e.importInto(svc, f, o, p) })
}

func listFormats(e *env) error {
	var rows [][]string
	for _, f := range formats.All() {
		rows = append(rows, []string{f.ID, f.Name})
	}
	return table(e.stdout, rows)
}

func importOptions(p parsed) (service.ImportOptions, error) {
	o := service.ImportOptions{}
	if d, ok := p.last("duplicates"); ok {
		if d != "skip" && d != "merge" {
			return o, usageError("--duplicates is skip or merge, not %q", d).withHint("usage: vaultbar " + importUsage)
		}
		o.Duplicates = interchange.Duplicates(d)
	}
	o.Group, _ = p.last("group")
	return o, nil
}

// readImport parses the file, asking for its password only when the
// format says the file needs one.
func (e *env) readImport(p parsed) (service.ImportFile, error) {
	opt := interchange.Options{Password: []byte(e.getenv(envImportPassword))}
	if k, ok := p.last("key-file"); ok {
		key, err := readKeyFile(k)
		if err != nil {
			return service.ImportFile{}, err
		}
		opt.KeyFile = key
	}
	format, err := importFormat(p, &opt)
	if err != nil {
		return service.ImportFile{}, err
	}
	path := p.pos[0]
	f, err := service.ReadImport(path, format, opt)
	// A key file alone may not be the whole key: ask for the password too.
	keyOnly := opt.KeyFile != nil && errors.Is(err, interchange.ErrWrongPassword)
	if (errors.Is(err, interchange.ErrNeedsPassword) || keyOnly) && len(opt.Password) == 0 {
		if opt.Password, err = e.prompt("Password of "+filepath.Base(path)+": ", envImportPassword); err != nil {
			return f, err
		}
		defer wipe(opt.Password)
		f, err = service.ReadImport(path, format, opt)
	}
	return f, err
}

// importFormat is --format, and --columns parsed into opt; --columns
// alone means a generic CSV.
func importFormat(p parsed, opt *interchange.Options) (string, error) {
	format, _ := p.last("format")
	spec, ok := p.last("columns")
	if !ok {
		return format, nil
	}
	if format != "" && format != csvfmt.Generic.ID {
		return "", usageError("--columns is for --format %s, not %s", csvfmt.Generic.ID, format).withHint("usage: vaultbar " + importUsage)
	}
	cols, err := parseColumns(spec)
	opt.Columns = cols
	return csvfmt.Generic.ID, err
}

// parseColumns reads "Header=key,Header=key". A header may hold "=": the
// key is after the last one.
func parseColumns(spec string) (map[string]string, error) {
	cols := map[string]string{}
	for _, pair := range strings.Split(spec, ",") {
		i := strings.LastIndex(pair, "=")
		if i <= 0 || strings.TrimSpace(pair[:i]) == "" {
			return nil, usageError("--columns takes header=key pairs separated by commas, not %q", pair).
				withHint("for example --columns \"Site=url,Login=username,Secret=password,Name=title\"; keys: " + strings.Join(interchange.ColumnKeys, ", ") + ", or - to leave a column out")
		}
		cols[strings.TrimSpace(pair[:i])] = strings.TrimSpace(pair[i+1:])
	}
	return cols, nil
}

func readKeyFile(path string) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, failure(exitNotFound, "can't read the key file %s: %v", path, errors.Unwrap(err)).withHint("give the path of the KeePass key file (.keyx or .key)")
	}
	defer fh.Close()
	return io.ReadAll(io.LimitReader(fh, 1<<20))
}

func (e *env) importInto(svc *service.VaultService, f service.ImportFile, o service.ImportOptions, p parsed) error {
	pre, err := svc.PreviewImport(f, o)
	if err != nil {
		return err
	}
	printPreview(e.stdout, f, pre)
	if p.has("dry-run") {
		fmt.Fprintln(e.stdout, "Dry run: nothing was written.")
		return nil
	}
	if pre.Add+pre.Merge == 0 {
		fmt.Fprintln(e.stdout, "Nothing to import.")
		return nil
	}
	if err := e.confirm(p, fmt.Sprintf("Import %d records into the vault?", pre.Add+pre.Merge)); err != nil {
		return err
	}
	o.Progress = func(done, total int) { progressLine(e.stderr, done, total) }
	got, err := svc.ApplyImport(f, o)
	if err != nil {
		return err
	}
	if got.Label == "" { // a Vaultbar export: merged as it is
		fmt.Fprintf(e.stdout, "Imported %d records (%d were already here).\n", got.Add, got.Merge)
	} else {
		fmt.Fprintf(e.stdout, "Imported %d records (%d merged) into the group %q.\n", got.Add, got.Merge, got.Label)
		fmt.Fprintf(e.stdout, "To remove them all again: vaultbar import --undo %q\n", got.Label)
	}
	if !f.Result.Encrypted {
		fmt.Fprintf(e.stdout, "%s is not encrypted and holds your passwords in plain text: delete it (and empty the trash) now.\n", f.Path)
	}
	return nil
}

func progressLine(w io.Writer, done, total int) {
	// The service reports every 100 records; print about ten lines.
	if step := max(total/1000*100, 1000); done%step == 0 || done == total {
		fmt.Fprintf(w, "Writing records: %d of %d\n", done, total)
	}
}

// confirm asks a yes/no question on the terminal; --yes answers it.
func (e *env) confirm(p parsed, question string) error {
	if p.has("yes") {
		return nil
	}
	t, err := e.tty()
	if err != nil {
		return failure(exitDeclined, "there is no terminal to ask: %s", question).withHint("add --yes to answer yes in a script")
	}
	defer t.Close()
	ans, err := readLine(t, question+" [y/N] ")
	if err != nil {
		return fmt.Errorf("read the answer: %w", err)
	}
	if a := strings.ToLower(strings.TrimSpace(ans)); a != "y" && a != "yes" {
		return failure(exitDeclined, "nothing was written").withHint("answer y to go ahead, or add --yes")
	}
	return nil
}

// readLine reads an answer with echo, from the terminal when it is one.
func readLine(t ttyPrompter, prompt string) (string, error) {
	if f, ok := t.(tty); ok {
		fmt.Fprint(f.f, prompt)
		return bufio.NewReader(f.f).ReadString('\n')
	}
	b, err := t.ReadPassword(prompt)
	return string(b), err
}

func printPreview(w io.Writer, f service.ImportFile, p interchange.Preview) {
	fmt.Fprintf(w, "%s: %s, %d entries\n", f.Path, p.Format, p.Total)
	if p.Label == "" {
		fmt.Fprintf(w, "Will add %d records and merge %d.\n", p.Add, p.Merge)
	} else {
		fmt.Fprintf(w, "Will add %d records and merge %d into the group %q.\n", p.Add, p.Merge, p.Label)
	}
	printCounts(w, "By type", p.ByType)
	printCounts(w, "By group", p.ByGroup)
	printList(w, "New record types", p.NewTypes)
	printList(w, "New groups", p.NewGroups)
	if len(p.Columns) > 0 {
		fmt.Fprintln(w, columnsLine(p.Columns))
	}
	printList(w, "Fields kept as extra fields", p.Unmapped)
	if len(p.Duplicates) > 0 {
		fmt.Fprintf(w, "Look like records you have (%d):\n", len(p.Duplicates))
		for _, d := range p.Duplicates {
			fmt.Fprintf(w, "  %s (id %s)\n", d.Title, d.Existing)
		}
	}
	if len(p.Skipped) > 0 {
		fmt.Fprintf(w, "Skipped (%d):\n", len(p.Skipped))
		for _, s := range p.Skipped {
			fmt.Fprintf(w, "  %s: %s\n", s.Title, s.Reason)
		}
	}
	printList(w, "Warnings", p.Warnings)
}

// columnsLine is a generic CSV's mapping: "Columns: Name → title, ...".
func columnsLine(cols []interchange.Column) string {
	var parts []string
	extra := false
	for _, c := range cols {
		switch c.Key {
		case "":
			extra = true
		case "-":
			parts = append(parts, c.Header+" → left out")
		default:
			parts = append(parts, c.Header+" → "+c.Key)
		}
	}
	line := "Columns: " + strings.Join(parts, ", ")
	if extra {
		line += " (other columns become extra fields)"
	}
	return line
}

func printCounts(w io.Writer, title string, m map[string]int) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) == 0 {
		return
	}
	fmt.Fprintf(w, "%s:\n", title)
	for _, k := range keys {
		name := k
		if name == "" {
			name = "(none)"
		}
		fmt.Fprintf(w, "  %-30s %d\n", name, m[k])
	}
}

func printList(w io.Writer, title string, items []string) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(w, "%s:\n", title)
	for _, s := range items {
		fmt.Fprintf(w, "  %s\n", s)
	}
}

func undoImport(e *env, group string) error {
	return e.withLocalVault(func(svc *service.VaultService) error {
		n, err := svc.UndoImport(group)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Moved %d imported records to the deleted records and removed the group %q.\n", n, group)
		return nil
	})
}
