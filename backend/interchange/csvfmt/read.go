package csvfmt

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"vaultbar/backend/interchange"
)

// Bounds on what a CSV may hold, so a hostile file costs at most this much
// memory beyond its own size.
const (
	MaxRows   = 1 << 20
	MaxFields = 512
)

var bom = []byte("\xef\xbb\xbf")

// Read parses a whole CSV file. With fixed set, every row must have as
// many fields as the first (a header row); otherwise rows may vary, as
// mSecure's do. Parse faults are ErrDamaged (an unterminated quote is what
// a cut-short file looks like), a row of the wrong width ErrColumns.
func Read(data []byte, fixed bool) ([][]string, error) {
	return ReadComma(data, fixed, ',')
}

// ReadComma is Read with another separator (spreadsheets in many locales
// write ';', some tools a tab).
func ReadComma(data []byte, fixed bool, comma rune) ([][]string, error) {
	if len(data) > interchange.MaxFileSize {
		return nil, interchange.ErrTooLarge
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, bom)))
	r.Comma = comma
	if !fixed {
		r.FieldsPerRecord = -1
	}
	var rows [][]string
	for {
		row, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, readError(err, cutShort(r, data))
		}
		if len(row) > MaxFields || len(rows) >= MaxRows {
			return nil, fmt.Errorf("more than %d rows or %d columns: %w", MaxRows, MaxFields, interchange.ErrTooLarge)
		}
		rows = append(rows, row)
	}
}

// cutShort reports whether the row just read was the file's last and the
// file ends mid-line: a short last row is then a cut, not a wrong layout.
func cutShort(r *csv.Reader, data []byte) bool {
	if len(data) == 0 || data[len(data)-1] == '\n' {
		return false
	}
	_, err := r.Read()
	return err == io.EOF
}

func readError(err error, cut bool) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("%v: %w", err, interchange.ErrDamaged)
	}
	switch {
	case errors.Is(pe.Err, csv.ErrFieldCount) && !cut:
		return fmt.Errorf("line %d has a different number of columns than the header: %w", pe.Line, interchange.ErrColumns)
	case errors.Is(pe.Err, csv.ErrFieldCount):
		return fmt.Errorf("the last line stops part-way: %w", interchange.ErrDamaged)
	case errors.Is(pe.Err, csv.ErrQuote):
		return fmt.Errorf("a quoted value opened on line %d never closes: %w", pe.StartLine, interchange.ErrDamaged)
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Errorf("line %d has a stray quote in an unquoted value: %w", pe.Line, interchange.ErrDamaged)
	}
	return fmt.Errorf("line %d: %v: %w", pe.Line, pe.Err, interchange.ErrDamaged)
}

// Separator guesses a CSV's separator from its first line: the one of
// ',', ';' and tab it has most of, ',' when none.
func Separator(head []byte) rune {
	line, _, _ := bytes.Cut(bytes.TrimPrefix(head, bom), []byte("\n"))
	best, n := ',', bytes.Count(line, []byte(","))
	for _, c := range []rune{';', '\t'} {
		if m := bytes.Count(line, []byte(string(c))); m > n {
			best, n = c, m
		}
	}
	return best
}

// FirstLine is the header of a file's first bytes, for Sniff: the first
// line, BOM removed, split as CSV. It never fails; a head it can't read
// gives nil.
func FirstLine(head []byte) []string {
	return firstLine(head, ',')
}

func firstLine(head []byte, comma rune) []string {
	head = bytes.TrimPrefix(head, bom)
	if i := bytes.IndexAny(head, "\r\n"); i >= 0 {
		head = head[:i]
	}
	r := csv.NewReader(bytes.NewReader(head))
	r.Comma = comma
	r.FieldsPerRecord = -1
	row, err := r.Read()
	if err != nil {
		return nil
	}
	return row
}

// norm is how header names are compared: case, spaces and surrounding
// quotes ignored.
func norm(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// HeaderHas reports whether a header line names every one of cols.
func HeaderHas(header []string, cols ...string) bool {
	have := map[string]bool{}
	for _, h := range header {
		have[norm(h)] = true
	}
	for _, c := range cols {
		if !have[norm(c)] {
			return false
		}
	}
	return len(cols) > 0
}

// Require checks that a header has the columns a format needs, naming them
// when it doesn't.
func Require(header []string, format string, cols ...string) error {
	if HeaderHas(header, cols...) {
		return nil
	}
	return fmt.Errorf("a %s file has the columns %s; this one has %s: %w",
		format, strings.Join(cols, ", "), strings.Join(header, ", "), interchange.ErrColumns)
}
