package service

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/bitwarden"
	"vaultbar/backend/interchange/formats"
	"vaultbar/backend/model"
)

// ImportFile is a source file read and parsed, ready to preview and apply.
type ImportFile struct {
	Path   string
	Format interchange.Format
	Result interchange.Result
}

// ReadImport reads and parses a file from another password manager. It
// never writes: the source file is opened read-only and the vault is not
// touched. format "" detects the format from the file's name and first
// bytes.
func ReadImport(path, format string, opt interchange.Options) (ImportFile, error) {
	data, err := readBounded(path)
	if err != nil {
		return ImportFile{}, err
	}
	f, err := pickFormat(path, format, data)
	if err != nil {
		return ImportFile{}, err
	}
	res, err := parseSafely(f, data, opt)
	if err != nil {
		return ImportFile{}, fmt.Errorf("%s (%s): %w", filepath.Base(path), f.Name, err)
	}
	return ImportFile{Path: path, Format: f, Result: res}, nil
}

// ErrImportUnreadable is a file to import that can't be opened or read:
// missing, a folder, not readable. (The cause is named but not wrapped,
// so it is never explained as a problem of the vault's own folder.)
var ErrImportUnreadable = errors.New("can't read the file to import")

func unreadable(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%w %s (%v)", ErrImportUnreadable, path, err)
}

func readBounded(path string) ([]byte, error) {
	// Look before opening: opening a FIFO would wait for a writer forever.
	if st, err := os.Stat(path); err != nil {
		return nil, unreadable(path, err)
	} else if !st.Mode().IsRegular() {
		return nil, unreadable(path, errors.New("not a file"))
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, unreadable(path, err)
	}
	defer fh.Close()
	if st, err := fh.Stat(); err == nil && !st.Mode().IsRegular() {
		return nil, unreadable(path, errors.New("not a file"))
	}
	data, err := io.ReadAll(io.LimitReader(fh, interchange.MaxFileSize+1))
	if err != nil {
		return nil, unreadable(path, err)
	}
	if len(data) > interchange.MaxFileSize {
		return nil, fmt.Errorf("%s is larger than %d MiB: %w", filepath.Base(path), interchange.MaxFileSize>>20, interchange.ErrTooLarge)
	}
	return data, nil
}

func pickFormat(path, id string, data []byte) (interchange.Format, error) {
	if id != "" {
		return formats.Lookup(id)
	}
	return formats.Detect(filepath.Base(path), data[:min(len(data), 4096)])
}

// parseSafely turns a parser's panic on a hostile file into ErrDamaged:
// one bad file must not take the app down.
func parseSafely(f interchange.Format, data []byte, opt interchange.Options) (res interchange.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("parser stopped (%v): %w", r, interchange.ErrDamaged)
		}
	}()
	return f.Parse(data, opt)
}

// ImportOptions choose how an import maps onto the vault.
type ImportOptions struct {
	Duplicates interchange.Duplicates // skip (default) or merge
	Label      string                 // the import's group; "" for "Imported from <format> on <date>"
	Group      string                 // put every record in this group instead of the source's folders
	// Progress, when set, is called as records are written (done of
	// total), from the goroutine that called ApplyImport.
	Progress func(done, total int)
}

func (s *VaultService) mapOptions(f ImportFile, o ImportOptions) interchange.MapOptions {
	label := strings.TrimSpace(o.Label)
	if label == "" {
		label = interchange.ImportLabel(f.Format.Name, s.now())
	}
	d := o.Duplicates
	if d == "" {
		d = interchange.SkipDuplicates
	}
	return interchange.MapOptions{Duplicates: d, Label: label, Group: strings.TrimSpace(o.Group)}
}

// PreviewImport says what ApplyImport would write, writing nothing.
func (s *VaultService) PreviewImport(f ImportFile, o ImportOptions) (interchange.Preview, error) {
	var p interchange.Plan
	err := s.read(func(v *model.Vault) error {
		if f.Result.Entities != nil {
			p.Preview = entitiesPreview(v, f.Result)
			return nil
		}
		p = interchange.Map(f.Result, existing(v), s.mapOptions(f, o))
		return nil
	})
	return p.Preview, err
}

// entitiesPreview counts a Vaultbar export's records: those the vault
// lacks are added, those it has merged (which changes nothing when they
// are the same).
func entitiesPreview(v *model.Vault, res interchange.Result) interchange.Preview {
	p := interchange.Preview{Format: res.Format, ByType: map[string]int{}, ByGroup: map[string]int{}}
	purged := 0
	names := map[string]string{}
	for _, e := range res.Entities {
		if e.Kind != model.KindRecord {
			names[e.ID] = e.Get(model.RegName)
		}
	}
	for _, e := range res.Entities {
		if e.Kind != model.KindRecord {
			continue
		}
		p.Total++
		switch cur := v.Entity(e.ID); {
		case cur == nil:
			p.Add++
		case cur.Purged():
			purged++
		default:
			p.Merge++
		}
		p.ByType[names[e.Get(model.RegType)]]++
	}
	if purged > 0 {
		p.Warnings = append(p.Warnings, fmt.Sprintf("%d of the records were deleted permanently in this vault; they stay deleted (only what was edited after that comes back)", purged))
	}
	return p
}

// ApplyImport maps f onto the vault as it is now and writes it as one
// edit: one journal append, one change for subscribers and sync. Every
// new record joins the import's group, so the import can be found and
// undone together (UndoImport).
func (s *VaultService) ApplyImport(f ImportFile, o ImportOptions) (interchange.Preview, error) {
	if f.Result.Entities != nil {
		pre, err := s.PreviewImport(f, o)
		if err != nil {
			return pre, err
		}
		_, err = s.mergeExport(f.Result.Entities, o.Progress)
		return pre, err
	}
	var p interchange.Plan
	err := s.edit(func(v *model.Vault) ([]string, error) {
		p = interchange.Map(f.Result, existing(v), s.mapOptions(f, o))
		return applyPlan(v, p, o.Progress)
	})
	return p.Preview, err
}

// existing is the vault as the import mapping sees it.
func existing(v *model.Vault) interchange.Existing {
	ex := interchange.Existing{Types: v.Types(), Groups: v.Groups()}
	for _, sum := range v.List(model.Filter{}) {
		r, err := v.Record(sum.ID)
		if err != nil {
			continue
		}
		er := interchange.ExistingRecord{ID: r.ID, Type: r.TypeName, Name: r.Name}
		for _, f := range r.Fields {
			switch {
			case f.ID == "username" && er.Username == "":
				er.Username = f.Value
			case f.ID == "url" && er.URL == "":
				er.URL = f.Value
			}
		}
		ex.Records = append(ex.Records, er)
	}
	return ex
}

// applier writes a plan; ids collects every entity it touched.
type applier struct {
	v      *model.Vault
	ids    []string
	types  map[string]string // planned type name -> id
	groups map[string]string // lower group name -> id
}

func applyPlan(v *model.Vault, p interchange.Plan, progress func(int, int)) ([]string, error) {
	a := &applier{v: v, types: map[string]string{}, groups: map[string]string{}}
	if err := a.typesAndGroups(p); err != nil {
		return a.ids, err
	}
	for i, r := range p.Records {
		if err := a.record(r); err != nil {
			return a.ids, fmt.Errorf("import %q: %w", r.Name, err)
		}
		if progress != nil && (i%100 == 99 || i == len(p.Records)-1) {
			progress(i+1, len(p.Records))
		}
	}
	return a.ids, nil
}

func (a *applier) typesAndGroups(p interchange.Plan) error {
	for _, t := range p.Types {
		var got model.Type
		var err error
		if t.ID == "" {
			got, err = a.v.AddType(t.Name, t.Fields)
		} else {
			got, err = a.v.UpdateType(t.ID, t.Name, t.Fields)
		}
		if err != nil {
			return fmt.Errorf("record type %q: %w", t.Name, err)
		}
		a.types[t.Name] = got.ID
		a.ids = append(a.ids, got.ID)
	}
	for _, g := range a.v.Groups() {
		a.groups[interchange.Fold(g.Name)] = g.ID
	}
	for _, name := range p.Groups {
		g, err := a.v.AddGroup(name)
		if err != nil {
			return fmt.Errorf("group %q: %w", name, err)
		}
		a.groups[interchange.Fold(name)] = g.ID
		a.ids = append(a.ids, g.ID)
	}
	return nil
}

func (a *applier) record(r interchange.RecordPlan) error {
	typ := r.Type
	if id, ok := a.types[r.Type]; ok {
		typ = id
	}
	if r.Existing != "" {
		_, err := a.v.UpdateRecord(r.Existing, model.RecordPatch{Notes: &r.Notes, Fields: r.Fields})
		a.ids = append(a.ids, r.Existing)
		return err
	}
	var groups []string
	for _, g := range r.Groups {
		groups = append(groups, a.groups[interchange.Fold(g)])
	}
	// The source's history goes in first, oldest to newest, so each later
	// value pushes the earlier one into the record's history.
	first := r.Fields
	if len(r.History) > 0 {
		first = r.History[0]
	}
	rec, err := a.v.AddRecord(model.RecordInput{Type: typ, Name: r.Name, Notes: r.Notes, Favorite: r.Favorite, Groups: groups, Fields: first})
	if err != nil {
		return err
	}
	a.ids = append(a.ids, rec.ID)
	if len(r.History) == 0 {
		return nil
	}
	for _, fields := range append(r.History[1:], r.Fields) {
		if _, err := a.v.UpdateRecord(rec.ID, model.RecordPatch{Fields: clearMissing(fields, rec.Fields)}); err != nil {
			return err
		}
	}
	return nil
}

// clearMissing makes a later version clear the fields an earlier one had
// and it has not, so history replays exactly.
func clearMissing(fields map[string]string, all []model.Field) map[string]string {
	out := make(map[string]string, len(fields))
	for k, v := range fields {
		out[k] = v
	}
	for _, f := range all {
		if _, ok := out[f.ID]; !ok {
			out[f.ID] = ""
		}
	}
	return out
}

// UndoImport moves every record of an import's group to the deleted
// records and deletes the group, in one edit. The records can be restored
// one by one, like any deleted record.
func (s *VaultService) UndoImport(label string) (int, error) {
	n := 0
	err := s.edit(func(v *model.Vault) ([]string, error) {
		g, err := v.GroupByName(label)
		if err != nil {
			return nil, err
		}
		if !strings.HasPrefix(g.Name, "Imported from ") {
			return nil, fmt.Errorf("%q is not an import's group: %w", g.Name, model.ErrInvalid)
		}
		ids := []string{g.ID}
		for _, sum := range v.List(model.Filter{Group: g.ID}) {
			if err := v.DeleteRecord(sum.ID); err != nil {
				return ids, err
			}
			ids = append(ids, sum.ID)
			n++
		}
		return ids, v.DeleteGroup(g.ID)
	})
	return n, err
}

// explainImport words the errors of reading a file to import, and of
// writing an export.
func explainImport(err error) (string, string, bool) {
	if m, h, ok := bitwarden.Explain(err); ok { // before ErrUnknownFormat, which it wraps
		return m, h, true
	}
	switch {
	case errors.Is(err, ErrImportUnreadable):
		return err.Error(), "check the file's path, and that it is a file you may read", true
	case errors.Is(err, ErrExportExists):
		return detail(err, ErrExportExists) + " already exists", "choose another file name; Vaultbar never replaces a file it did not write", true
	case errors.Is(err, interchange.ErrNeedsPassword):
		return "the file to import is encrypted and needs its password", "give the password the other app protects it with (VAULTBAR_IMPORT_PASSWORD in scripts)", true
	case errors.Is(err, interchange.ErrWrongPassword):
		return "the password or key file is not right for the file to import", "use the password (and key file) you open it with in the other app", true
	case errors.Is(err, interchange.ErrDamaged):
		return "the file to import is damaged or cut short (" + detail(err, interchange.ErrDamaged) + ")", "export it again from the other app and import the new file", true
	case errors.Is(err, interchange.ErrNewerVersion):
		return "the file to import comes from a newer version of its program than Vaultbar reads", "export it from that program in an older or plain format (KeePass 2 XML or CSV)", true
	case errors.As(err, new(*interchange.ColumnError)): // before ErrColumns, which it wraps
		return columnMisfit(err)
	case errors.Is(err, interchange.ErrColumns):
		return "the file's columns are not the ones its format has (" + detail(err, interchange.ErrColumns) + ")", "export it again, or name the format with --format", true
	case errors.Is(err, interchange.ErrTooLarge):
		return "the file to import is too large: " + detail(err, interchange.ErrTooLarge), "split the export, or lower the key derivation settings in the other app and export again", true
	case errors.Is(err, interchange.ErrUnknownFormat):
		return "Vaultbar can't import this file: " + detail(err, interchange.ErrUnknownFormat), "name its format with --format (" + strings.Join(formats.IDs(), ", ") + ")", true
	}
	return "", "", false
}

// columnMisfit words a column mapping that doesn't fit the file, its
// hint listing what would.
func columnMisfit(err error) (string, string, bool) {
	var ce *interchange.ColumnError
	errors.As(err, &ce)
	return ce.Error(), "the file's columns are " + strings.Join(ce.Headers, ", ") + "; a column can be " +
		strings.Join(interchange.ColumnKeys, ", ") + ", or - to leave it out; columns not named become extra fields", true
}

// explainExportWrite comes before explainDisk, whose "the vault's folder"
// would name the wrong folder.
func explainExportWrite(err error) (string, string, bool) {
	if errors.Is(err, ErrExportWrite) {
		return err.Error(), "choose a folder that exists and that you may write to, on a disk with free space", true
	}
	return "", "", false
}

// detail is an error's text without its sentinel's words at the end,
// which the sentence around it already says.
func detail(err, sentinel error) string {
	return strings.TrimSuffix(err.Error(), ": "+sentinel.Error())
}
