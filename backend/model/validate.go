package model

import (
	"fmt"
	"strings"
	"unicode"
)

// InvalidError is input the model refuses: a sentence saying what is wrong
// and a hint saying what to do instead, both worded for a person. It
// matches ErrInvalid.
type InvalidError struct {
	Msg  string
	Hint string
}

func (e *InvalidError) Error() string { return e.Msg }
func (e *InvalidError) Unwrap() error { return ErrInvalid }

func invalid(hint, format string, args ...any) error {
	return &InvalidError{Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// hasControl reports whether s holds a line break (U+2028 and U+2029
// included), a tab, another control character or a bidirectional override:
// names and labels are one line, shown in lists and tables where such
// characters would break the layout, forge another row, or show a name
// backwards. Other format characters (the joiners of emoji) are fine.
func hasControl(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsControl(r) || unicode.In(r, unicode.Zl, unicode.Zp, unicode.Bidi_Control)
	}) >= 0
}

// checkOneLine refuses a name with control characters.
func checkOneLine(what, name string) error {
	if hasControl(name) {
		return invalid("type the "+what+" on one line; longer text belongs in the notes",
			"the %s %q contains a line break, tab or other control character", what, name)
	}
	return nil
}

// checkRecordName checks the name of a new or renamed record.
func checkRecordName(name string) error {
	if strings.TrimSpace(name) == "" {
		return fmt.Errorf("a record needs a name: %w", ErrInvalid)
	}
	return checkOneLine("record name", name)
}

// checkDefs checks a type's field definitions: at least one, each with a
// one-line label unique ignoring case, without "=" (the CLI's label=value
// could not name it), and a known kind.
func checkDefs(fields []FieldDef) error {
	if len(fields) == 0 {
		return invalid("give the type at least one field, e.g. a Password of kind secret",
			"a record type needs at least one field")
	}
	seen := map[string]bool{}
	for _, d := range fields {
		if err := checkDef(d); err != nil {
			return err
		}
		l := strings.ToLower(strings.TrimSpace(d.Label))
		if seen[l] {
			return fmt.Errorf("two fields are labelled %q: %w", d.Label, ErrDuplicate)
		}
		seen[l] = true
	}
	return nil
}

func checkDef(d FieldDef) error {
	switch {
	case strings.TrimSpace(d.Label) == "":
		return fmt.Errorf("every field needs a label: %w", ErrInvalid)
	case hasControl(d.Label):
		return invalid("type the label on one line", "the field label %q contains a line break, tab or other control character", d.Label)
	case strings.Contains(d.Label, "="):
		return invalid("choose a label without =; values are given as label=value",
			"the field label %q contains =", d.Label)
	case !d.Kind.Valid():
		return fmt.Errorf("field %q has unknown kind %q: %w", d.Label, d.Kind, ErrInvalid)
	}
	return nil
}
