package service

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"vaultbar/backend/crypto"
	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/keepass"
	"vaultbar/backend/interchange/native"
	"vaultbar/backend/interchange/render"
	"vaultbar/backend/merge"
	"vaultbar/backend/model"
)

// ExportFormats are the formats Export writes. Encrypted ones need a
// password of their own.
var ExportFormats = []ExportFormat{
	{ID: "vaultbar", Name: "Vaultbar export (encrypted)", Encrypted: true},
	{ID: "kdbx", Name: "KeePass KDBX 4 (encrypted)", Encrypted: true},
	{ID: "keepass-xml", Name: "KeePass 2 XML (not encrypted)"},
	{ID: "csv", Name: "CSV (not encrypted)"},
	{ID: "bitwarden-json", Name: "Bitwarden JSON (not encrypted)"},
}

// ExportFormat is one export format.
type ExportFormat struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Encrypted bool   `json:"encrypted"`
}

// ErrExportExists is an export path where a file already is: Vaultbar
// never replaces a file it did not write.
var ErrExportExists = errors.New("a file with that name already exists")

// ErrExportWrite is an export that could not be written where asked (no
// such folder, no permission, a full disk); nothing is left there.
var ErrExportWrite = errors.New("the export could not be written")

// LookupExport finds an export format by id.
func LookupExport(id string) (ExportFormat, error) {
	for _, f := range ExportFormats {
		if f.ID == id {
			return f, nil
		}
	}
	var ids []string
	for _, f := range ExportFormats {
		ids = append(ids, f.ID)
	}
	return ExportFormat{}, fmt.Errorf("%q is not an export format (%s): %w", id, strings.Join(ids, ", "), model.ErrInvalid)
}

// exportKDF is the Vaultbar export's Argon2id cost; tests lower it.
var exportKDF = crypto.MinParams

// Export renders the vault's live records in format id. Encrypted
// formats use password.
func (s *VaultService) Export(id string, password []byte) ([]byte, error) {
	f, err := LookupExport(id)
	if err != nil {
		return nil, err
	}
	if f.Encrypted && len(password) == 0 {
		return nil, ErrEmptyPassword
	}
	var items []interchange.Item
	var ents []*model.Entity
	err = s.read(func(v *model.Vault) error {
		if id == "vaultbar" {
			ents = exportEntities(v)
		} else {
			items = exportItems(v)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return renderExport(id, items, ents, password)
}

func renderExport(id string, items []interchange.Item, ents []*model.Entity, password []byte) ([]byte, error) {
	switch id {
	case "vaultbar":
		return native.Seal(ents, password, exportKDF)
	case "kdbx":
		kdf := keepass.DefaultExportKDF
		if exportKDF != crypto.MinParams { // tests
			kdf = keepass.KDFArgon2id(1, 64<<10, 1)
		}
		return keepass.EncodeKDBX4(keepass.RenderXML("Vaultbar", items, false), keepass.WriteOptions{Password: password, KDF: kdf, Rand: rand.Reader})
	case "keepass-xml":
		return keepass.RenderXML("Vaultbar", items, true), nil
	case "csv":
		return render.CSV(items), nil
	}
	return render.BitwardenJSON(items), nil
}

// ExportFile writes an export to path atomically, never over a file that
// is already there.
func (s *VaultService) ExportFile(path, id string, password []byte) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s: %w", path, ErrExportExists)
	}
	data, err := s.Export(id, password)
	if err != nil {
		return err
	}
	if err := writeAtomic(path, data, 0o600); err != nil {
		return fmt.Errorf("%w to %s (%w)", ErrExportWrite, path, systemCause(err))
	}
	return nil
}

// systemCause is the system's reason alone, without the temp file's name
// that the user never chose.
func systemCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// exportEntities are the live records, groups and types, with their
// history and stamps; deleted ones stay behind.
func exportEntities(v *model.Vault) []*model.Entity {
	var out []*model.Entity
	for _, e := range v.Entities() {
		if e.Alive() && (e.Kind == model.KindRecord || e.Kind == model.KindGroup || e.Kind == model.KindType) {
			out = append(out, e.Clone())
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// exportItems turns the live records into the import model: a record's
// first group (by name) is its folder, the others its tags.
func exportItems(v *model.Vault) []interchange.Item {
	names := map[string]string{}
	for _, g := range v.Groups() {
		names[g.ID] = g.Name
	}
	var out []interchange.Item
	for _, sum := range v.List(model.Filter{}) {
		r, err := v.Record(sum.ID)
		if err == nil {
			out = append(out, exportItem(r, names))
		}
	}
	return out
}

func exportItem(r model.Record, groupNames map[string]string) interchange.Item {
	it := interchange.Item{Type: r.Type, TypeName: r.TypeName, Title: r.Name, Notes: r.Notes, Favorite: r.Favorite, Created: r.Created, Modified: r.Modified}
	var groups []string
	for _, id := range r.Groups {
		groups = append(groups, groupNames[id])
	}
	// The source's folder, not an import's group, is the folder to export.
	sort.Slice(groups, func(i, j int) bool {
		ai, aj := strings.HasPrefix(groups[i], "Imported from "), strings.HasPrefix(groups[j], "Imported from ")
		return ai != aj && aj || ai == aj && groups[i] < groups[j]
	})
	if len(groups) > 0 {
		it.Group, it.Tags = groups[0], groups[1:]
	}
	for _, f := range r.Fields {
		if f.Value == "" {
			continue
		}
		fl := interchange.Field{Label: f.Label, Kind: f.Kind, Value: f.Value}
		switch f.ID {
		case "username", "password", "url", "otp":
			fl.Key = f.ID
		}
		it.Fields = append(it.Fields, fl)
	}
	return it
}

// mergeExport applies a Vaultbar export: its entities merge into the
// vault as they are (the later stamp of each value wins, the other goes
// to history), are saved and marked for sync as a local change.
func (s *VaultService) mergeExport(ents []*model.Entity, progress func(int, int)) ([]string, error) {
	s.mu.Lock()
	if s.vault == nil {
		s.mu.Unlock()
		return nil, ErrVaultLocked
	}
	changed := merge.Into(s.vault, ents)
	s.vault.MarkDirty(changed...)
	var err error
	var c Change
	if len(changed) > 0 {
		c = s.changeOf(FromLocalEdit, changed)
		err = s.save(changed)
	}
	s.mu.Unlock()
	if progress != nil {
		progress(len(ents), len(ents))
	}
	if !c.Empty() {
		s.hub.publish(c)
	}
	return changed, err
}
