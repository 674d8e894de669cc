package csvfmt

import (
	"fmt"

	"vaultbar/backend/interchange"
	"vaultbar/backend/model"
)

// Column targets: what a CSV column fills in a login. A column with no
// target becomes a custom field under its header name.
const (
	ColTitle    = "title"
	ColUsername = "username"
	ColPassword = "password"
	ColURL      = "url"
	ColNotes    = "notes"
	ColOTP      = "otp"
	ColGroup    = "group"
	ColTags     = "tags"
	ColFavorite = "favorite"
	ColArchived = "archived"
	ColCreated  = "created"
	ColModified = "modified"
	ColIgnore   = "-" // read but not imported (a source's internal id)
	ColCustom   = ""  // a custom field named after the header
)

// Table is a CSV file with a header row, each column given a target.
type Table struct {
	Header  []string
	Targets []string
	Rows    [][]string
}

// ReadTable reads a CSV with a header row and assigns each column the
// target its (normalised) header has in targets.
func ReadTable(data []byte, targets map[string]string) (Table, error) {
	return readTable(data, targets, ',')
}

func readTable(data []byte, targets map[string]string, comma rune) (Table, error) {
	rows, err := ReadComma(data, true, comma)
	if err != nil {
		return Table{}, err
	}
	if len(rows) == 0 {
		return Table{}, fmt.Errorf("the file is empty: %w", interchange.ErrDamaged)
	}
	t := Table{Header: rows[0], Rows: rows[1:]}
	for _, h := range t.Header {
		t.Targets = append(t.Targets, targets[norm(h)])
	}
	return t, nil
}

// Login turns one row into a login item by the table's targets.
func (t Table) Login(row []string) interchange.Item {
	it := interchange.Item{Type: "login"}
	for i, v := range row {
		t.apply(&it, t.Targets[i], t.Header[i], v)
	}
	return it
}

func (t Table) apply(it *interchange.Item, target, header, v string) {
	switch target {
	case ColTitle:
		it.Title = v
	case ColNotes:
		it.Notes = v
	case ColGroup:
		it.Group = v
	case ColTags:
		it.Tags = Tags(v)
	case ColFavorite:
		it.Favorite = Bool(v)
	case ColArchived:
		it.Archived = Bool(v)
	case ColCreated:
		it.Created = ISOTime(v)
	case ColModified:
		it.Modified = ISOTime(v)
	case ColIgnore:
	default:
		addLoginField(it, target, header, v)
	}
}

var loginFields = map[string]struct {
	label string
	kind  model.FieldKind
}{
	ColUsername: {"Username", model.KindText},
	ColPassword: {"Password", model.KindSecret},
	ColURL:      {"Website", model.KindURL},
	ColOTP:      {"One-Time Password", model.KindOTP},
}

func addLoginField(it *interchange.Item, target, header, v string) {
	if f, ok := loginFields[target]; ok {
		Add(it, target, f.label, f.kind, v)
		return
	}
	Add(it, "", header, model.KindText, v)
}

// Items turns every row into a login, titled after its website when the
// row has no title.
func (t Table) Items() []interchange.Item {
	out := make([]interchange.Item, 0, len(t.Rows))
	for _, row := range t.Rows {
		it := t.Login(row)
		if it.Title == "" {
			it.Title = HostTitle(Value(it, ColURL))
		}
		out = append(out, it)
	}
	return out
}
