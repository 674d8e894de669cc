package onepassword

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/csvfmt"
)

// PUX reads 1Password's .1pux export.
var PUX = interchange.Format{
	ID:    "1pux",
	Name:  "1Password (1PUX)",
	Sniff: sniffPUX,
	Parse: parsePUX,
}

// Formats are this family's importable formats, for formats.All.
var Formats = []interchange.Format{PUX, CSV}

var zipMagic = []byte("PK\x03\x04")

// sniffPUX: a zip whose first entries name the 1PUX files, or any zip
// named .1pux.
func sniffPUX(name string, head []byte) bool {
	if !bytes.HasPrefix(head, zipMagic) {
		return false
	}
	return strings.HasSuffix(strings.ToLower(name), ".1pux") ||
		bytes.Contains(head, []byte("export.attributes")) || bytes.Contains(head, []byte("export.data"))
}

type puxData struct {
	Accounts []struct {
		Attrs struct {
			AccountName string `json:"accountName"`
		} `json:"attrs"`
		Vaults []struct {
			Attrs struct {
				Name string `json:"name"`
			} `json:"attrs"`
			Items []puxItem `json:"items"`
		} `json:"vaults"`
	} `json:"accounts"`
}

type puxItem struct {
	FavIndex     int    `json:"favIndex"`
	CreatedAt    int64  `json:"createdAt"`
	UpdatedAt    int64  `json:"updatedAt"`
	State        string `json:"state"`
	Trashed      bool   `json:"trashed"` // older exports say this instead of a state
	CategoryUUID string `json:"categoryUuid"`
	Details      struct {
		LoginFields []struct {
			Value       string `json:"value"`
			Name        string `json:"name"`
			FieldType   string `json:"fieldType"`
			Designation string `json:"designation"`
		} `json:"loginFields"`
		NotesPlain      string       `json:"notesPlain"`
		Sections        []puxSection `json:"sections"`
		PasswordHistory []struct {
			Value string `json:"value"`
			Time  int64  `json:"time"`
		} `json:"passwordHistory"`
		Password           *string `json:"password"`
		DocumentAttributes *struct {
			FileName string `json:"fileName"`
		} `json:"documentAttributes"`
	} `json:"details"`
	Overview struct {
		Title string `json:"title"`
		URL   string `json:"url"`
		URLs  []struct {
			Label string `json:"label"`
			URL   string `json:"url"`
		} `json:"urls"`
		Tags []string `json:"tags"`
	} `json:"overview"`
}

type puxSection struct {
	Title  string `json:"title"`
	Fields []struct {
		Title string                     `json:"title"`
		ID    string                     `json:"id"`
		Value map[string]json.RawMessage `json:"value"`
	} `json:"fields"`
}

func parsePUX(data []byte, _ interchange.Options) (interchange.Result, error) {
	raw, err := readExportData(data)
	if err != nil {
		return interchange.Result{}, err
	}
	var d puxData
	if err := json.Unmarshal(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")), &d); err != nil {
		return interchange.Result{}, jsonError(err)
	}
	res := interchange.Result{Format: "1Password 1PUX"}
	for _, a := range d.Accounts {
		for _, v := range a.Vaults {
			for _, it := range v.Items {
				res.Items = append(res.Items, convert(it, v.Attrs.Name))
			}
		}
	}
	return res, nil
}

func jsonError(err error) error {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return fmt.Errorf("export.data is not 1Password's layout (%v): %w", err, interchange.ErrUnknownFormat)
	}
	return fmt.Errorf("export.data: %v: %w", err, interchange.ErrDamaged)
}

// convert turns one 1PUX item into an import item; the vault is its group.
func convert(p puxItem, vault string) interchange.Item {
	typ, typeName := category(p.CategoryUUID)
	it := interchange.Item{Type: typ, TypeName: typeName, Title: p.Overview.Title, Notes: p.Details.NotesPlain,
		Group: vault, Tags: p.Overview.Tags, Favorite: p.FavIndex > 0,
		Created: csvfmt.UnixSeconds(fmt.Sprint(p.CreatedAt)), Modified: csvfmt.UnixSeconds(fmt.Sprint(p.UpdatedAt)),
		Archived: p.State == "archived", Trashed: p.Trashed || p.State == "deleted" || p.State == "trashed"}
	if len(it.Tags) == 0 {
		it.Tags = nil
	}
	p.loginFields(&it)
	p.urls(&it)
	for _, s := range p.Details.Sections {
		section(&it, s)
	}
	p.history(&it)
	if d := p.Details.DocumentAttributes; d != nil && d.FileName != "" {
		it.Attachments = append(it.Attachments, d.FileName)
	}
	return it
}
