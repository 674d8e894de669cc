package render

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strconv"

	"vaultbar/backend/interchange"
)

// Bitwarden's item types and custom field types.
const (
	bwLogin      = 1
	bwSecureNote = 2
	bwText       = 0
	bwHidden     = 1
)

type bwFile struct {
	Encrypted bool       `json:"encrypted"`
	Folders   []bwFolder `json:"folders"`
	Items     []bwItem   `json:"items"`
}

type bwFolder struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type bwItem struct {
	ID         string        `json:"id"`
	FolderID   *string       `json:"folderId"`
	Type       int           `json:"type"`
	Name       string        `json:"name"`
	Notes      *string       `json:"notes"`
	Favorite   bool          `json:"favorite"`
	Fields     []bwField     `json:"fields,omitempty"`
	Login      *bwLoginData  `json:"login,omitempty"`
	SecureNote *bwSecureData `json:"secureNote,omitempty"`
}

type bwField struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Type  int    `json:"type"`
}

type bwLoginData struct {
	Username *string `json:"username"`
	Password *string `json:"password"`
	TOTP     *string `json:"totp"`
	URIs     []bwURI `json:"uris,omitempty"`
}

type bwURI struct {
	URI   string `json:"uri"`
	Match *int   `json:"match"`
}

type bwSecureData struct {
	Type int `json:"type"`
}

// BitwardenJSON renders items as an unencrypted Bitwarden JSON export.
// Records with a username, password, website or one-time password become
// logins; the others secure notes. Every other field is a custom field
// (hidden when concealed), and the record type's name one called
// "Vaultbar type".
func BitwardenJSON(items []interchange.Item) []byte {
	f := bwFile{Folders: []bwFolder{}, Items: []bwItem{}}
	folders := map[string]string{}
	for _, it := range items {
		if it.Group != "" && folders[it.Group] == "" {
			folders[it.Group] = id("folder", it.Group)
			f.Folders = append(f.Folders, bwFolder{folders[it.Group], it.Group})
		}
	}
	sort.Slice(f.Folders, func(i, j int) bool { return f.Folders[i].Name < f.Folders[j].Name })
	for i, it := range items {
		f.Items = append(f.Items, bwEntry(i, it, folders))
	}
	out, _ := json.MarshalIndent(f, "", "  ")
	return out
}

func id(kind, s string) string {
	sum := sha256.Sum256([]byte(kind + "\x00" + s))
	h := hex.EncodeToString(sum[:16])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func strp(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func bwEntry(i int, it interchange.Item, folders map[string]string) bwItem {
	b := bwItem{ID: id("item", strconv.Itoa(i)+"\x00"+it.Title), FolderID: strp(folders[it.Group]), Name: it.Title, Notes: strp(it.Notes), Favorite: it.Favorite}
	login := &bwLoginData{}
	isLogin := false
	for _, fl := range it.Fields {
		if bwLoginField(login, fl) {
			isLogin = true
			continue
		}
		t := bwText
		if fl.Kind.Concealed() {
			t = bwHidden
		}
		b.Fields = append(b.Fields, bwField{fl.Label, fl.Value, t})
	}
	if n := typeName(it); n != "" {
		b.Fields = append(b.Fields, bwField{"Vaultbar type", n, bwText})
	}
	if isLogin {
		b.Type, b.Login = bwLogin, login
	} else {
		b.Type, b.SecureNote = bwSecureNote, &bwSecureData{}
	}
	return b
}

func bwLoginField(l *bwLoginData, f interchange.Field) bool {
	switch {
	case f.Key == "username" && l.Username == nil:
		l.Username = strp(f.Value)
	case f.Key == "password" && l.Password == nil:
		l.Password = strp(f.Value)
	case f.Key == "otp" && l.TOTP == nil:
		l.TOTP = strp(f.Value)
	case f.Key == "url" && len(l.URIs) == 0:
		l.URIs = []bwURI{{URI: f.Value}}
	default:
		return false
	}
	return true
}
