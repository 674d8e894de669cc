package main

import (
	"errors"
	"strings"

	"vaultbar/backend/model"
	"vaultbar/backend/service"
)

// fieldValues turns label=value arguments into field values keyed by field
// id. Labels match the type's labels (or field ids) ignoring case; an
// unknown label is an error listing the labels the type has.
func fieldValues(t model.Type, args []string, usage string) (map[string]string, error) {
	out := map[string]string{}
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
		out[d.ID] = val
	}
	return out, nil
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

// groupIDs resolves --group names to ids.
func groupIDs(svc *service.VaultService, names []string) ([]string, error) {
	ids := []string{}
	for _, n := range names {
		g, err := svc.GroupByName(n)
		if err != nil {
			return nil, withHint(err, "`vaultbar group ls` lists the groups; `vaultbar group add "+quoteArg(n)+"` creates one")
		}
		ids = append(ids, g.ID)
	}
	return ids, nil
}

// findRecord resolves a name or id typed on the command line.
func findRecord(svc *service.VaultService, nameOrID string) (model.Record, error) {
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
