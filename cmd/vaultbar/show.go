package main

import (
	"fmt"
	"strings"
	"time"

	"vaultbar/backend/model"
)

const showUsage = "show <name-or-id> [--reveal] [--history] [--json]"

var showCmd = command{
	name:    "show",
	usage:   showUsage,
	summary: "show a record (secret fields masked unless --reveal)",
	help: `Shows a record's fields. Secret fields (passwords, PINs, card numbers,
one-time password keys) show as ` + mask + ` unless --reveal is given.
--history adds the earlier values of its fields, newest first.`,
	run: runShow,
}

var showFlags = flags{bools: []string{"reveal", "history", "json"}}

func runShow(e *env, args []string) error {
	p, err := showFlags.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 1, 1, showUsage); err != nil {
		return err
	}
	return e.withVault(func(svc vault) error {
		r, err := findRecord(svc, p.pos[0])
		if err != nil {
			return err
		}
		v := shownRecord(svc, r, p.has("reveal"))
		if p.has("history") {
			if v.History, err = shownHistory(svc, r.ID, p.has("reveal")); err != nil {
				return err
			}
		}
		if p.has("json") {
			return writeJSON(e.stdout, v)
		}
		return printRecord(e, v)
	})
}

// recordView is a record as `show` prints it, with concealed values masked
// unless revealed.
type recordView struct {
	ID       string        `json:"id"`
	Name     string        `json:"name"`
	Type     string        `json:"type"`
	TypeName string        `json:"typeName"`
	Groups   []string      `json:"groups"` // names
	Favorite bool          `json:"favorite"`
	Fields   []fieldView   `json:"fields"`
	Notes    string        `json:"notes"`
	Created  time.Time     `json:"created"`
	Modified time.Time     `json:"modified"`
	History  []historyView `json:"history,omitempty"`
}

type fieldView struct {
	ID     string          `json:"id"`
	Label  string          `json:"label"`
	Kind   model.FieldKind `json:"kind"`
	Value  string          `json:"value"`
	Masked bool            `json:"masked,omitempty"` // Value is hidden; --reveal shows it
}

type historyView struct {
	Label  string    `json:"label"`
	Value  string    `json:"value"`
	Masked bool      `json:"masked,omitempty"`
	Time   time.Time `json:"time"`
}

func shownRecord(svc vault, r model.Record, reveal bool) recordView {
	v := recordView{
		ID: r.ID, Name: r.Name, Type: r.Type, TypeName: r.TypeName, Favorite: r.Favorite,
		Notes: r.Notes, Created: r.Created, Modified: r.Modified, Groups: []string{},
	}
	for _, id := range r.Groups {
		if g, err := svc.GroupByName(id); err == nil {
			v.Groups = append(v.Groups, g.Name)
		}
	}
	for _, f := range r.Fields {
		fv := fieldView{ID: f.ID, Label: f.Label, Kind: f.Kind, Value: f.Value}
		fv.Value, fv.Masked = conceal(f.Value, f.Kind.Concealed(), reveal)
		v.Fields = append(v.Fields, fv)
	}
	return v
}

// conceal masks a secret value unless revealed. An empty value shows as
// empty: there is nothing to hide, and the reader learns it is unset.
func conceal(val string, concealed, reveal bool) (string, bool) {
	if !concealed || reveal || val == "" {
		return val, false
	}
	return mask, true
}

func shownHistory(svc vault, id string, reveal bool) ([]historyView, error) {
	hs, err := svc.History(id)
	if err != nil {
		return nil, err
	}
	out := make([]historyView, len(hs))
	for i, h := range hs {
		out[i] = historyView{Label: h.Label, Time: h.Time}
		out[i].Value, out[i].Masked = conceal(h.Value, h.Concealed, reveal)
	}
	return out, nil
}

func printRecord(e *env, v recordView) error {
	rows := [][]string{{"Name:", oneLine(v.Name)}, {"Type:", oneLine(v.TypeName)}}
	if len(v.Groups) > 0 {
		rows = append(rows, []string{"Groups:", strings.Join(v.Groups, ", ")})
	}
	if v.Favorite {
		rows = append(rows, []string{"Favorite:", "yes"})
	}
	masked := false
	for _, f := range v.Fields {
		if f.Value != "" {
			rows = append(rows, []string{f.Label + ":", indent(f.Value)})
			masked = masked || f.Masked
		}
	}
	if v.Notes != "" {
		rows = append(rows, []string{"Notes:", indent(v.Notes)})
	}
	rows = append(rows, []string{"Modified:", when(v.Modified)}, []string{"ID:", v.ID})
	if err := table(e.stdout, rows); err != nil {
		return err
	}
	printHistory(e, v.History)
	if masked {
		fmt.Fprintln(e.stderr, "(secret fields are hidden; add --reveal to show them)")
	}
	return nil
}

func printHistory(e *env, hs []historyView) {
	if hs == nil {
		return
	}
	fmt.Fprintln(e.stdout, "\nEarlier values, newest first:")
	if len(hs) == 0 {
		fmt.Fprintln(e.stdout, "  (none)")
	}
	rows := [][]string{}
	for _, h := range hs {
		rows = append(rows, []string{"  " + when(h.Time), h.Label + ":", indent(h.Value)})
	}
	table(e.stdout, rows)
}

// indent keeps the lines of a multi-line value under its first line, with
// tabs out of the way of the column layout.
func indent(s string) string {
	s = strings.ReplaceAll(s, "\t", "    ")
	return strings.ReplaceAll(s, "\n", "\n\t  ")
}
