package enpass

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/csvfmt"
	"vaultbar/backend/model"
)

// JSON reads Enpass's .json export.
var JSON = interchange.Format{
	ID:    "enpass-json",
	Name:  "Enpass (JSON)",
	Sniff: sniff,
	Parse: parse,
}

// Formats are this family's importable formats, for formats.All.
var Formats = []interchange.Format{JSON}

// sniff: a JSON object naming fields only Enpass writes.
func sniff(name string, head []byte) bool {
	head = bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")))
	if !bytes.HasPrefix(head, []byte("{")) || bytes.Contains(head, []byte(`"encrypted"`)) {
		return false
	}
	return bytes.Contains(head, []byte(`"template_type"`)) || bytes.Contains(head, []byte(`"parent_uuid"`)) ||
		bytes.Contains(head, []byte(`"auto_submit"`))
}

type export struct {
	Folders []struct {
		UUID       string `json:"uuid"`
		Title      string `json:"title"`
		ParentUUID string `json:"parent_uuid"`
	} `json:"folders"`
	Items *[]item `json:"items"`
}

type item struct {
	Title        string   `json:"title"`
	Category     string   `json:"category"`
	TemplateType string   `json:"template_type"`
	Note         string   `json:"note"`
	Favorite     int      `json:"favorite"`
	Trashed      int      `json:"trashed"`
	Archived     int      `json:"archived"`
	CreatedAt    int64    `json:"createdAt"`
	UpdatedAt    int64    `json:"updated_at"`
	Folders      []string `json:"folders"`
	Fields       []field  `json:"fields"`
	Attachments  []struct {
		Name string `json:"name"`
	} `json:"attachments"`
}

type field struct {
	Label     string `json:"label"`
	Type      string `json:"type"`
	Value     string `json:"value"`
	Sensitive int    `json:"sensitive"`
	Deleted   int    `json:"deleted"`
}

func parse(data []byte, _ interchange.Options) (interchange.Result, error) {
	if len(data) > interchange.MaxFileSize {
		return interchange.Result{}, interchange.ErrTooLarge
	}
	var e export
	if err := json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &e); err != nil {
		return interchange.Result{}, jsonError(err)
	}
	if e.Items == nil {
		return interchange.Result{}, fmt.Errorf("the file has no items list, so it is not an Enpass export: %w", interchange.ErrUnknownFormat)
	}
	folders := e.folderNames()
	res := interchange.Result{Format: "Enpass JSON"}
	for _, it := range *e.Items {
		res.Items = append(res.Items, it.convert(folders))
	}
	return res, nil
}

func jsonError(err error) error {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return fmt.Errorf("not Enpass's layout (%v): %w", err, interchange.ErrUnknownFormat)
	}
	return fmt.Errorf("%v: %w", err, interchange.ErrDamaged)
}

// folderNames flattens nested folders into "Parent / Child", guarding
// against a parent cycle a forged file could hold.
func (e export) folderNames() map[string]string {
	parent, title := map[string]string{}, map[string]string{}
	for _, f := range e.Folders {
		parent[f.UUID], title[f.UUID] = f.ParentUUID, f.Title
	}
	names := map[string]string{}
	for id := range title {
		var path []string
		seen := map[string]bool{}
		for cur := id; cur != "" && !seen[cur]; cur = parent[cur] {
			seen[cur] = true
			if t, ok := title[cur]; ok {
				path = append([]string{t}, path...)
			}
		}
		names[id] = strings.Join(path, " / ")
	}
	return names
}

func (p item) convert(folders map[string]string) interchange.Item {
	typ, typeName := typeOf(p.Category, p.TemplateType)
	it := interchange.Item{Type: typ, TypeName: typeName, Title: p.Title, Notes: p.Note,
		Favorite: p.Favorite != 0, Trashed: p.Trashed != 0, Archived: p.Archived != 0,
		Created: csvfmt.UnixSeconds(fmt.Sprint(p.CreatedAt)), Modified: csvfmt.UnixSeconds(fmt.Sprint(p.UpdatedAt))}
	for i, id := range p.Folders {
		if i == 0 {
			it.Group = folders[id]
		} else if n := folders[id]; n != "" {
			it.Tags = append(it.Tags, n)
		}
	}
	for _, f := range p.Fields {
		if f.Deleted == 0 && f.Type != "section" {
			csvfmt.Add(&it, keyOf(it.Type, f), f.Label, kindOf(f), f.Value)
		}
	}
	for _, a := range p.Attachments {
		it.Attachments = append(it.Attachments, a.Name)
	}
	return it
}

// kinds: how Enpass's field types are shown; "sensitive" masks any of them.
var kinds = map[string]model.FieldKind{
	"password": model.KindSecret, "pin": model.KindPIN, "totp": model.KindOTP, "url": model.KindURL,
	"email": model.KindEmail, "phone": model.KindPhone, "date": model.KindDate, "multiline": model.KindNote,
	"numeric": model.KindNumber, "ccNumber": model.KindSecret, "ccCvc": model.KindPIN, "ccPin": model.KindPIN,
	"ccExpiry": model.KindDate, "ccValidfrom": model.KindDate, "ccTxnpassword": model.KindSecret,
}

func kindOf(f field) model.FieldKind {
	k, ok := kinds[f.Type]
	if !ok {
		k = model.KindText
	}
	if f.Sensitive != 0 && !k.Concealed() {
		return model.KindSecret
	}
	return k
}
