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
	if err := unprotect(content.DBContent, d.streamID, d.key); err != nil {
		return res, err
	}
	res = convert(content.DBContent)
	checkCount(&res, content)
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
	res := convert(content.DBContent)
	checkCount(&res, content)
	res.Format = "KeePass 2 XML"
	return res, nil
}

// decoded is a database and how many <Entry> elements its XML has
// (history entries included), to check that none was lost on the way.
type decoded struct {
	*gokeepasslib.DBContent
	entries int
}

func decodeXML(b []byte) (decoded, error) {
	n, err := wellFormed(b)
	if err != nil {
		return decoded{}, err
	}
	c := &gokeepasslib.DBContent{}
	if err := xml.Unmarshal(b, c); err != nil {
		return decoded{}, fmt.Errorf("keepass xml: %v: %w", err, interchange.ErrDamaged)
	}
	if c.Root == nil || len(c.Root.Groups) == 0 {
		return decoded{}, fmt.Errorf("keepass xml has no root group: %w", interchange.ErrDamaged)
	}
	return decoded{c, n}, nil
}

// checkCount warns when gokeepasslib read fewer entries than the XML has:
// it skips an entry it can't decode (a malformed time, say) without error.
func checkCount(res *interchange.Result, d decoded) {
	got := 0
	for _, it := range res.Items {
		got += 1 + len(it.History)
	}
	if got < d.entries {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d of the file's entries or earlier versions could not be read (damaged values) and are not imported.", d.entries-got))
	}
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

// wellFormed reads every token of the document first, counting the
// entries. gokeepasslib's Group.UnmarshalXML loops forever on a syntax
// error (it stops only at io.EOF), so a truncated or corrupt file must
// never reach it.
func wellFormed(b []byte) (entries int, err error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return entries, nil
		}
		if err != nil {
			return 0, fmt.Errorf("keepass xml: %v: %w", err, interchange.ErrDamaged)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Entry" {
			entries++
		}
	}
}
