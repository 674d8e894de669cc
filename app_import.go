package main

import (
	"context"
	"errors"
	"os"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/formats"
	"vaultbar/backend/service"
)

// Events of the import and export sheets.
const (
	EventImport         = "app:import"      // the Import… menu item
	EventExport         = "app:export"      // the Export… menu item
	EventImportProgress = "import:progress" // an ImportProgress while records are written
)

// ImportAPI binds reading, previewing and applying an import, and export.
// The file read last is kept until applied, so its password's key
// derivation runs once.
type ImportAPI struct {
	ctx  context.Context
	svc  *service.VaultService
	mu   sync.Mutex
	file *service.ImportFile
}

// NewImportAPI binds svc.
func NewImportAPI(svc *service.VaultService) *ImportAPI { return &ImportAPI{svc: svc} }

func (a *ImportAPI) start(ctx context.Context) { a.ctx = ctx }

// FormatInfo is an importable format as the sheet lists it.
type FormatInfo struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ImportRequest names the file to read and how to open it.
type ImportRequest struct {
	Path     string `json:"path"`
	Format   string `json:"format"` // "" detects it
	Password string `json:"password"`
	KeyFile  string `json:"keyFile"` // path of a KeePass key file, "" for none
	// Columns is a generic CSV's mapping from the sheet's column step
	// (header → field key); nil lets Vaultbar guess. The preview's
	// columns say the mapping in effect either way.
	Columns map[string]string `json:"columns"`
}

// ImportPreview is what the sheet shows before the person confirms.
type ImportPreview struct {
	NeedsPassword bool                `json:"needsPassword"` // ask for the file's password and Read again
	Format        string              `json:"format"`        // the detected format's name
	Encrypted     bool                `json:"encrypted"`     // false: remind to delete the file
	Preview       interchange.Preview `json:"preview"`
}

// ImportProgress is sent while an import writes its records.
type ImportProgress struct {
	Done  int `json:"done"`
	Total int `json:"total"`
}

// Formats lists the importable formats.
func (a *ImportAPI) Formats() []FormatInfo {
	var out []FormatInfo
	for _, f := range formats.All() {
		out = append(out, FormatInfo{f.ID, f.Name})
	}
	return out
}

// ChooseFile shows the system's file picker; "" when cancelled.
func (a *ImportAPI) ChooseFile() (string, error) {
	p, err := runtime.OpenFileDialog(a.ctx, runtime.OpenDialogOptions{Title: "Import Passwords"})
	return p, explained(err)
}

// Read reads and parses a file and previews it against the vault. A file
// that needs a password it was not given answers NeedsPassword.
func (a *ImportAPI) Read(req ImportRequest) (ImportPreview, error) {
	opt := interchange.Options{Password: []byte(req.Password), Columns: req.Columns}
	if req.KeyFile != "" {
		key, err := os.ReadFile(req.KeyFile)
		if err != nil {
			return ImportPreview{}, explained(err)
		}
		opt.KeyFile = key
	}
	f, err := service.ReadImport(req.Path, req.Format, opt)
	if errors.Is(err, interchange.ErrNeedsPassword) {
		return ImportPreview{NeedsPassword: true}, nil
	}
	if err != nil {
		return ImportPreview{}, explained(err)
	}
	p, err := a.svc.PreviewImport(f, service.ImportOptions{})
	if err != nil {
		return ImportPreview{}, explained(err)
	}
	a.mu.Lock()
	a.file = &f
	a.mu.Unlock()
	return ImportPreview{Format: f.Format.Name, Encrypted: f.Result.Encrypted, Preview: p}, nil
}

// Apply writes the file read last; duplicates is "skip" or "merge".
func (a *ImportAPI) Apply(duplicates string) (interchange.Preview, error) {
	a.mu.Lock()
	f := a.file
	a.file = nil
	a.mu.Unlock()
	if f == nil {
		return interchange.Preview{}, errors.New("Choose the file to import first.")
	}
	o := service.ImportOptions{Duplicates: interchange.Duplicates(duplicates), Progress: func(done, total int) {
		runtime.EventsEmit(a.ctx, EventImportProgress, ImportProgress{done, total})
	}}
	p, err := a.svc.ApplyImport(*f, o)
	return p, explained(err)
}

// Undo moves the records of an import (its "Imported from ..." group) to
// the deleted records and returns how many.
func (a *ImportAPI) Undo(label string) (int, error) {
	n, err := a.svc.UndoImport(label)
	return n, explained(err)
}

// Trash moves an imported plaintext file to the trash and says where.
func (a *ImportAPI) Trash(path string) (string, error) {
	p, err := service.MoveToTrash(path)
	return p, explained(err)
}

// ExportFormats lists the export formats.
func (a *ImportAPI) ExportFormats() []service.ExportFormat { return service.ExportFormats }

// ChooseExportFile shows the system's save panel; "" when cancelled.
func (a *ImportAPI) ChooseExportFile(name string) (string, error) {
	p, err := runtime.SaveFileDialog(a.ctx, runtime.SaveDialogOptions{Title: "Export Vault", DefaultFilename: name})
	return p, explained(err)
}

// Export writes the vault to a new file.
func (a *ImportAPI) Export(path, format, password string) error {
	return explained(a.svc.ExportFile(path, format, []byte(password)))
}

func (a *ImportAPI) stop() {}
