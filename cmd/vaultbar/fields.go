package main

import (
	"errors"
	"strconv"
	"strings"
	"unicode"

	"vaultbar/backend/model"
)

// fieldValues turns label=value arguments into field values keyed by field
// id. Labels match the type's labels (or field ids) ignoring case; an
// unknown label is an error listing the labels the type has, and a field
// given twice is an error rather than a silent choice of one. A value of
// "-" is read from standard input.
func fieldValues(t model.Type, args []string, usage string, in *stdinValue) (map[string]string, error) {
	out := map[string]string{}
	given := map[string]string{} // field id -> the argument that set it
	for _, a := range args {
		label, val, ok := strings.Cut(a, "=")
		if !ok {
			return nil, usageError("unexpected argument %q", a).
				withHint("field values are written label=value, e.g. username=alice; usage: vaultbar " + usage)
		}
		d, ok := t.FieldByLabel(strings.TrimSpace(label))
		if !ok {
			return nil, failure(exitInvalid, "the %s type has no field %q", t.Name, label).
				withHint("its fields are: " + labels(t))
		}
		if prev, dup := given[d.ID]; dup {
			return nil, usageError("the field %s is given twice (%s and %s=...)", d.Label, prev, label).
				withHint("give each field once")
		}
		given[d.ID] = label + "=..."
		if val == "-" {
			var err error
			if val, err = in.value(d.Label); err != nil {
				return nil, err
			}
		}
		out[d.ID] = val
	}
	return out, nil
}

// notesValue is --notes, read from standard input when it is "-".
func notesValue(p parsed, in *stdinValue) (string, bool, error) {
	notes, ok, err := p.single("notes")
	if err != nil {
		return "", false, err
	}
	if ok && notes == "-" {
		v, err := in.value("Notes")
		return v, true, err
	}
	return notes, ok, nil
}

func labels(t model.Type) string {
	if len(t.Fields) == 0 {
		return "(none)"
	}
	ls := make([]string, len(t.Fields))
	for i, d := range t.Fields {
		ls[i] = d.Label
	}
	return strings.Join(ls, ", ")
}

// groupIDs resolves --group names to ids. The hint suggests creating a
// missing group only when `group add` would take its name.
func groupIDs(svc vault, names []string, emptyHint string) ([]string, error) {
	ids := []string{}
	for _, n := range names {
		if strings.TrimSpace(n) == "" {
			return nil, usageError("--group needs a group name").withHint(emptyHint)
		}
		g, err := svc.GroupByName(n)
		if err != nil {
			hint := "`vaultbar group ls` lists the groups"
			if strings.IndexFunc(n, unicode.IsControl) < 0 {
				hint += "; `vaultbar group add " + quoteArg(n) + "` creates one"
			}
			return nil, withHint(err, hint)
		}
		ids = append(ids, g.ID)
	}
	return ids, nil
}

// findRecord resolves a name or id typed on the command line.
func findRecord(svc vault, nameOrID string) (model.Record, error) {
	r, err := svc.Find(nameOrID)
	if err != nil {
		return r, withHint(err, recordHint(err))
	}
	return r, nil
}

func recordHint(err error) string {
	var amb *model.AmbiguousError
	if errors.As(err, &amb) {
		return "use more of the name, or the id; `vaultbar ls` shows names and ids"
	}
	return "`vaultbar ls` lists the records; `vaultbar ls --deleted` lists deleted ones"
}

// quoteArg quotes s for a shell if it needs it, for hints that show a
// command to copy.
func quoteArg(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t'\"\\$`!*?[]{}()<>|&;#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// oneLine escapes line breaks, tabs, other control characters and
// bidirectional overrides (as \n, \t, \u202e) for a table cell: the model
// refuses them in names now, but an older Vaultbar on another device may
// have stored one, and a field value may span lines.
func oneLine(s string) string {
	if strings.IndexFunc(s, needsEscape) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if needsEscape(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func needsEscape(r rune) bool {
	return unicode.IsControl(r) || unicode.In(r, unicode.Zl, unicode.Zp, unicode.Bidi_Control)
}
