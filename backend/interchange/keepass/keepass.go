package keepass

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"

	"github.com/tobischo/gokeepasslib/v3"

	"vaultbar/backend/interchange"
)

// Formats are the KeePass formats, for formats.All.
var Formats = []interchange.Format{
	{ID: "kdbx", Name: "KeePass (KDBX)", Sniff: sniffKDBX, Parse: ParseKDBX},
	{ID: "keepass-xml", Name: "KeePass 2 XML", Sniff: sniffXML, Parse: ParseXML},
}

func sniffKDBX(_ string, head []byte) bool { return IsKDBX(head) }

// sniffXML: a KeePassFile root element is unmistakable whatever the
// file's name.
func sniffXML(_ string, head []byte) bool { return bytes.Contains(head, []byte("<KeePassFile")) }

// ParseKDBX reads a KDBX 3.1 or 4.x file with opt's password and key file.
func ParseKDBX(data []byte, opt interchange.Options) (res interchange.Result, err error) {
	if len(data) > interchange.MaxFileSize {
		return res, interchange.ErrTooLarge
	}
	h, err := ParseHeader(data)
	if err != nil {
		return res, err
	}
	d, err := decrypt(h, data, opt)
	if err != nil {
		return res, err
	}
	content, err := decodeXML(d.xml)
	if err != nil {
		return res, err
	}
	if err := unprotect(content, d.streamID, d.key); err != nil {
		return res, err
	}
	res = convert(content)
	res.Encrypted = true
	res.Format = fmt.Sprintf("KeePass KDBX %d.%d (%s)", h.Major, h.Minor, h.KDF.Name())
	return res, nil
}

// ParseXML reads a KeePass 2 XML export, whose values are in the clear.
func ParseXML(data []byte, _ interchange.Options) (interchange.Result, error) {
	if len(data) > interchange.MaxFileSize {
		return interchange.Result{}, interchange.ErrTooLarge
	}
	if !bytes.Contains(data[:min(len(data), 4096)], []byte("<KeePassFile")) {
		return interchange.Result{}, fmt.Errorf("no <KeePassFile> element: %w", interchange.ErrUnknownFormat)
	}
	// An export marks the values KeePass keeps hidden with ProtectInMemory;
	// inside a KDBX they carry Protected. "<" can't occur in a value's text,
	// so this replaces only the attribute.
	data = bytes.ReplaceAll(data, []byte(`<Value ProtectInMemory="True">`), []byte(`<Value Protected="True">`))
	content, err := decodeXML(data)
	if err != nil {
		return interchange.Result{}, err
	}
	res := convert(content)
	res.Format = "KeePass 2 XML"
	return res, nil
}

func decodeXML(b []byte) (*gokeepasslib.DBContent, error) {
	if err := wellFormed(b); err != nil {
		return nil, err
	}
	c := &gokeepasslib.DBContent{}
	if err := xml.Unmarshal(b, c); err != nil {
		return nil, fmt.Errorf("keepass xml: %v: %w", err, interchange.ErrDamaged)
	}
	if c.Root == nil || len(c.Root.Groups) == 0 {
		return nil, fmt.Errorf("keepass xml has no root group: %w", interchange.ErrDamaged)
	}
	return c, nil
}

// unprotect reveals the values the file hid with its inner stream cipher,
// in document order, as KeePass wrote them.
func unprotect(c *gokeepasslib.DBContent, id uint32, key []byte) (err error) {
	if id != gokeepasslib.NoStreamID && len(key) == 0 {
		return fmt.Errorf("kdbx inner stream key: %w", interchange.ErrDamaged)
	}
	m, err := gokeepasslib.NewStreamManager(id, key)
	if err != nil {
		return fmt.Errorf("kdbx inner stream %d: %w", id, interchange.ErrUnknownFormat)
	}
	defer func() {
		if recover() != nil { // a malformed protected value
			err = fmt.Errorf("kdbx protected values: %w", interchange.ErrDamaged)
		}
	}()
	m.UnlockProtectedGroups(c.Root.Groups)
	return nil
}

// wellFormed reads every token of the document first. gokeepasslib's
// Group.UnmarshalXML loops forever on a syntax error (it stops only at
// io.EOF), so a truncated or corrupt file must never reach it.
func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("keepass xml: %v: %w", err, interchange.ErrDamaged)
		}
	}
}
