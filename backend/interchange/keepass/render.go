package keepass

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/xml"
	"strconv"
	"strings"
	"time"

	"vaultbar/backend/interchange"
)

// customDataType is the entry CustomData key that keeps a record's
// Vaultbar type name, so an export imported back gets its types again.
const (
	customDataType     = "Vaultbar type"
	customDataFavorite = "Vaultbar favorite" // "1"; KeePass has no favourites
)

type xFile struct {
	XMLName xml.Name `xml:"KeePassFile"`
	Meta    xMeta    `xml:"Meta"`
	Root    xGroup   `xml:"Root>Group"`
}

type xMeta struct {
	Generator         string `xml:"Generator"`
	DatabaseName      string `xml:"DatabaseName"`
	RecycleBinEnabled string `xml:"RecycleBinEnabled"`
}

type xGroup struct {
	UUID    string    `xml:"UUID"`
	Name    string    `xml:"Name"`
	Entries []xEntry  `xml:"Entry"`
	Groups  []*xGroup `xml:"Group"`
}

type xEntry struct {
	UUID       string    `xml:"UUID"`
	Tags       string    `xml:"Tags,omitempty"`
	Times      xTimes    `xml:"Times"`
	Strings    []xString `xml:"String"`
	CustomData []xItem   `xml:"CustomData>Item,omitempty"`
}

type xTimes struct {
	Created  string `xml:"CreationTime,omitempty"`
	Modified string `xml:"LastModificationTime,omitempty"`
	Expires  string `xml:"Expires"`
}

type xString struct {
	Key   string `xml:"Key"`
	Value xValue `xml:"Value"`
}

type xValue struct {
	Text    string `xml:",chardata"`
	Protect string `xml:"ProtectInMemory,attr,omitempty"`
}

type xItem struct {
	Key   string `xml:"Key"`
	Value string `xml:"Value"`
}

// RenderXML writes items as a KeePass 2 XML database. Groups named
// "A / B" become nested groups; the standard fields (username, password,
// url, otp) become KeePass's, every other field a string of its label.
// markProtected sets ProtectInMemory on concealed values, as a KeePass
// XML export does; inside a KDBX the whole payload is encrypted instead.
func RenderXML(name string, items []interchange.Item, markProtected bool) []byte {
	root := &xGroup{UUID: uuid("group", ""), Name: name}
	for i, it := range items {
		g := subgroup(root, it.Group)
		g.Entries = append(g.Entries, entry(i, it, markProtected))
	}
	f := xFile{Meta: xMeta{Generator: "Vaultbar", DatabaseName: name, RecycleBinEnabled: "False"}, Root: *root}
	out, err := xml.MarshalIndent(f, "", "\t")
	if err != nil {
		panic(err) // only plain strings are marshalled
	}
	return append([]byte(xml.Header), out...)
}

func subgroup(root *xGroup, path string) *xGroup {
	g := root
	for _, part := range strings.Split(path, GroupSeparator) {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		g = child(g, part)
	}
	return g
}

func child(g *xGroup, name string) *xGroup {
	for _, c := range g.Groups {
		if c.Name == name {
			return c
		}
	}
	c := &xGroup{UUID: uuid("group", g.UUID+"/"+name), Name: name}
	g.Groups = append(g.Groups, c)
	return c
}

// uuid is a stable KeePass UUID (base64 of 16 bytes) for what it names.
func uuid(kind, what string) string {
	sum := sha256.Sum256([]byte(kind + "\x00" + what))
	return b64(sum[:16])
}

func entry(i int, it interchange.Item, protect bool) xEntry {
	e := xEntry{UUID: uuid("entry", itoa(i)+"\x00"+it.Title), Tags: strings.Join(it.Tags, ","), Times: xTimes{Created: stamp(it.Created), Modified: stamp(it.Modified), Expires: "False"}}
	e.Strings = append(e.Strings, xString{Key: keyTitle, Value: xValue{Text: it.Title}}, xString{Key: keyNotes, Value: xValue{Text: it.Notes}})
	used := map[string]bool{keyTitle: true, keyNotes: true}
	for _, f := range it.Fields {
		key := stringKey(f, used)
		used[key] = true
		v := xValue{Text: f.Value}
		if protect && (f.Kind.Concealed() || key == keyPassword) {
			v.Protect = "True"
		}
		e.Strings = append(e.Strings, xString{Key: key, Value: v})
	}
	if name := it.TypeName; name != "" {
		e.CustomData = append(e.CustomData, xItem{Key: customDataType, Value: name})
	}
	if it.Favorite {
		e.CustomData = append(e.CustomData, xItem{Key: customDataFavorite, Value: "1"})
	}
	return e
}

// stringKey is the KeePass string a field goes in: the standard ones by
// key, others by label, made unique.
func stringKey(f interchange.Field, used map[string]bool) string {
	std := map[string]string{"username": keyUser, "password": keyPassword, "url": keyURL, "otp": keyOTP}[f.Key]
	if std != "" && !used[std] {
		return std
	}
	key := f.Label
	if key == "" {
		key = "Field"
	}
	for n := 2; used[key] || isStandard(key); n++ {
		key = f.Label + " (" + itoa(n) + ")"
	}
	return key
}

func isStandard(k string) bool {
	switch k {
	case keyTitle, keyUser, keyPassword, keyURL, keyNotes, keyOTP:
		return true
	}
	return false
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func itoa(n int) string { return strconv.Itoa(n) }

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
