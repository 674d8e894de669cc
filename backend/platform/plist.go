package platform

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ErrPlist means bytes are not an XML property list this parser reads.
var ErrPlist = errors.New("not a readable XML property list")

// Bounds on what ParsePlist reads: the files it reads come from the system
// (plutil's output) or the repository, but a parser takes no size on trust.
const (
	maxPlistBytes = 4 << 20
	maxPlistDepth = 32
)

// ParsePlist reads an XML property list (what `plutil -convert xml1`
// writes, and the bundle's Info.plist and entitlements) into Go values:
// map[string]any for dict, []any for array, string, int64, float64, bool,
// and []byte for data; a date stays its string.
func ParsePlist(data []byte) (any, error) {
	if len(data) > maxPlistBytes {
		return nil, fmt.Errorf("%d bytes: %w", len(data), ErrPlist)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	root, err := nextStart(d)
	if err != nil || root.Name.Local != "plist" {
		return nil, fmt.Errorf("no <plist> element: %w", ErrPlist)
	}
	start, err := nextStart(d)
	if err != nil {
		return nil, fmt.Errorf("empty <plist>: %w", ErrPlist)
	}
	return plistValue(d, start, 0)
}

// nextStart skips to the next start element (past the prolog, comments
// and white space), failing at an end element or the end of input.
func nextStart(d *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.StartElement{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, nil
		case xml.EndElement:
			return xml.StartElement{}, errEnd
		}
	}
}

// errEnd is nextStart meeting the end of the enclosing element.
var errEnd = errors.New("end of element")

func plistValue(d *xml.Decoder, start xml.StartElement, depth int) (any, error) {
	if depth > maxPlistDepth {
		return nil, fmt.Errorf("nested deeper than %d: %w", maxPlistDepth, ErrPlist)
	}
	switch start.Name.Local {
	case "dict":
		return plistDict(d, depth)
	case "array":
		return plistArray(d, depth)
	case "true", "false":
		if err := d.Skip(); err != nil {
			return nil, fmt.Errorf("<%s>: %w", start.Name.Local, ErrPlist)
		}
		return start.Name.Local == "true", nil
	}
	var text string
	if err := d.DecodeElement(&text, &start); err != nil {
		return nil, fmt.Errorf("<%s>: %w", start.Name.Local, ErrPlist)
	}
	return plistScalar(start.Name.Local, text)
}

func plistScalar(kind, text string) (any, error) {
	switch kind {
	case "string", "date":
		return text, nil
	case "integer":
		if n, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64); err == nil {
			return n, nil
		}
	case "real":
		if f, err := strconv.ParseFloat(strings.TrimSpace(text), 64); err == nil {
			return f, nil
		}
	case "data":
		clean := strings.Join(strings.Fields(text), "")
		if b, err := base64.StdEncoding.DecodeString(clean); err == nil {
			return b, nil
		}
	}
	return nil, fmt.Errorf("<%s>%.40q: %w", kind, text, ErrPlist)
}

func plistDict(d *xml.Decoder, depth int) (map[string]any, error) {
	m := map[string]any{}
	for {
		key, err := nextStart(d)
		if errors.Is(err, errEnd) {
			return m, nil
		}
		var name string
		if err != nil || key.Name.Local != "key" || d.DecodeElement(&name, &key) != nil {
			return nil, fmt.Errorf("a <dict> entry without its <key>: %w", ErrPlist)
		}
		start, err := nextStart(d)
		if err != nil {
			return nil, fmt.Errorf("key %q has no value: %w", name, ErrPlist)
		}
		if m[name], err = plistValue(d, start, depth+1); err != nil {
			return nil, err
		}
	}
}

func plistArray(d *xml.Decoder, depth int) ([]any, error) {
	a := []any{}
	for {
		start, err := nextStart(d)
		if errors.Is(err, errEnd) {
			return a, nil
		}
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, fmt.Errorf("<array>: %v: %w", err, ErrPlist)
		}
		v, err := plistValue(d, start, depth+1)
		if err != nil {
			return nil, err
		}
		a = append(a, v)
	}
}
