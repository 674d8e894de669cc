package msecure

import (
	"fmt"
	"strings"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/csvfmt"
)

func parseV6(data []byte, _ interchange.Options) (interchange.Result, error) {
	if !isV6(data) {
		return interchange.Result{}, fmt.Errorf("an mSecure 6 export starts with the line %q: %w", magic6, interchange.ErrColumns)
	}
	rows, err := csvfmt.Read(trimMagic(data), false)
	if err != nil {
		return interchange.Result{}, err
	}
	res := interchange.Result{Format: "mSecure 6 CSV"}
	for i, row := range rows {
		if blank(row) {
			continue
		}
		if len(row) < 2 {
			res.Skipped = append(res.Skipped, interchange.Skip{Title: row[0], Reason: "the row has no template column"})
			continue
		}
		res.Items = append(res.Items, rowV6(row, i+1))
	}
	return res, nil
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// rowV6 reads Title|id, Template, Tags, Note, then Label|typeCode|value
// cells. Only the first two pipes of a cell split it: values may hold
// pipes of their own.
func rowV6(row []string, n int) interchange.Item {
	row = pad(row, 4)
	it := newItem(titleV6(row[0]), row[1], unescape(row[3]))
	it.Group, it.Tags = groupAndTags(csvfmt.Tags(row[2]))
	for _, cell := range row[4:] {
		label, code, value := splitCell(cell)
		addField(&it, label, kindOfCode(code, label), value)
	}
	untitled(&it, n)
	return it
}

// titleV6 drops the record id mSecure appends after the last pipe.
func titleV6(cell string) string {
	i := strings.LastIndexByte(cell, '|')
	if i < 0 || strings.Trim(cell[i+1:], "0123456789") != "" {
		return cell
	}
	return cell[:i]
}

func splitCell(cell string) (label, code, value string) {
	parts := strings.SplitN(cell, "|", 3)
	switch len(parts) {
	case 3:
		return parts[0], parts[1], parts[2]
	case 2:
		return parts[0], "", parts[1]
	}
	return "Field", "", cell
}

// unescape turns the literal \n mSecure 6 writes into newlines.
func unescape(s string) string { return strings.ReplaceAll(s, `\n`, "\n") }

// groupAndTags: mSecure 6 turned version 5's groups into tags, so a
// record's first tag is its group and any others stay tags.
func groupAndTags(tags []string) (string, []string) {
	if len(tags) == 0 {
		return "", nil
	}
	if len(tags) == 1 {
		return tags[0], nil
	}
	return tags[0], tags[1:]
}
