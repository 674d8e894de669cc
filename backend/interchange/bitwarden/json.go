package bitwarden

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"vaultbar/backend/interchange"
)

// ErrAccountEncrypted is an export sealed with the Bitwarden account's own
// key: only Bitwarden, signed in to that account, can read it. It is an
// interchange.ErrUnknownFormat to callers that branch on those.
var ErrAccountEncrypted error = accountEncrypted{}

type accountEncrypted struct{}

func (accountEncrypted) Error() string {
	return "this Bitwarden export is encrypted with the Bitwarden account's key, which only Bitwarden can open"
}

func (accountEncrypted) Unwrap() error { return interchange.ErrUnknownFormat }

// Explain gives ErrAccountEncrypted's sentence and what to do, in the
// shape of backend/service's explainers.
func Explain(err error) (message, hint string, ok bool) {
	if !errors.Is(err, ErrAccountEncrypted) {
		return "", "", false
	}
	return ErrAccountEncrypted.Error(),
		`in Bitwarden, export the vault again as ".json (Encrypted)" with "Password protected" chosen (or as plain .json), then import that file`, true
}

// JSON reads Bitwarden's .json export, plain or password protected.
var JSON = interchange.Format{
	ID:    "bitwarden-json",
	Name:  "Bitwarden (JSON)",
	Sniff: sniffJSON,
	Parse: parseJSON,
}

func sniffJSON(name string, head []byte) bool {
	head = bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")))
	return bytes.HasPrefix(head, []byte("{")) && bytes.Contains(head, []byte(`"encrypted"`))
}

// export is the file's top level; the encrypted fields are read only when
// "encrypted" is true.
type export struct {
	Encrypted         bool     `json:"encrypted"`
	PasswordProtected bool     `json:"passwordProtected"`
	Folders           []folder `json:"folders"`
	Collections       []folder `json:"collections"`
	Items             []entry  `json:"items"`
	protectedHeader
}

type folder struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type entry struct {
	FolderID        *string     `json:"folderId"`
	CollectionIDs   []string    `json:"collectionIds"`
	Type            int         `json:"type"`
	Reprompt        int         `json:"reprompt"`
	Name            string      `json:"name"`
	Notes           *string     `json:"notes"`
	Favorite        bool        `json:"favorite"`
	Fields          []field     `json:"fields"`
	Login           *login      `json:"login"`
	Card            *card       `json:"card"`
	Identity        *identity   `json:"identity"`
	SSHKey          *sshKey     `json:"sshKey"`
	PasswordHistory []pastValue `json:"passwordHistory"`
	CreationDate    *time.Time  `json:"creationDate"`
	RevisionDate    *time.Time  `json:"revisionDate"`
	DeletedDate     *time.Time  `json:"deletedDate"`
}

type field struct {
	Name     string  `json:"name"`
	Value    *string `json:"value"`
	Type     int     `json:"type"`
	LinkedID *int    `json:"linkedId"`
}

type login struct {
	URIs []struct {
		URI *string `json:"uri"`
	} `json:"uris"`
	Username *string           `json:"username"`
	Password *string           `json:"password"`
	TOTP     *string           `json:"totp"`
	Fido2    []json.RawMessage `json:"fido2Credentials"`
}

type card struct {
	CardholderName, Brand, Number, ExpMonth, ExpYear, Code *string
}

type identity struct {
	Title, FirstName, MiddleName, LastName, Address1, Address2, Address3, City, State, PostalCode,
	Country, Company, Email, Phone, SSN, Username, PassportNumber, LicenseNumber *string
}

type sshKey struct {
	PrivateKey, PublicKey, KeyFingerprint *string
}

type pastValue struct {
	LastUsedDate *time.Time `json:"lastUsedDate"`
	Password     string     `json:"password"`
}

func parseJSON(data []byte, opt interchange.Options) (interchange.Result, error) {
	if len(data) > interchange.MaxFileSize {
		return interchange.Result{}, interchange.ErrTooLarge
	}
	var e export
	if err := decode(data, &e); err != nil {
		return interchange.Result{}, err
	}
	switch {
	case e.Encrypted && e.PasswordProtected:
		return parseProtected(e.protectedHeader, opt.Password)
	case e.Encrypted:
		return interchange.Result{}, ErrAccountEncrypted
	}
	return e.result("Bitwarden JSON"), nil
}

// decode tells JSON of another shape (some other app's export) from JSON
// that is broken or cut short.
func decode(data []byte, v any) error {
	err := json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), v)
	var typ *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &typ):
		return fmt.Errorf("not a Bitwarden export (%v): %w", err, interchange.ErrUnknownFormat)
	}
	return fmt.Errorf("%v: %w", err, interchange.ErrDamaged)
}

func (e export) result(format string) interchange.Result {
	res := interchange.Result{Format: format}
	names := map[string]string{}
	for _, f := range append(e.Folders, e.Collections...) {
		names[f.ID] = folderName(f.Name)
	}
	passkeys, reprompts := 0, 0
	for _, c := range e.Items {
		it, ok := c.item()
		if !ok {
			res.Skipped = append(res.Skipped, interchange.Skip{Title: c.Name, Reason: fmt.Sprintf("Bitwarden item type %d is not one Vaultbar knows", c.Type)})
			continue
		}
		it.Group = c.group(names)
		res.Items = append(res.Items, it)
		if c.Login != nil {
			passkeys += len(c.Login.Fido2)
		}
		reprompts += min(c.Reprompt, 1)
	}
	res.Warnings = warnings(passkeys, reprompts)
	return res
}

func warnings(passkeys, reprompts int) []string {
	var w []string
	if passkeys > 0 {
		w = append(w, fmt.Sprintf("%d passkeys were not imported: Vaultbar does not store passkeys yet, so keep them in Bitwarden or register new ones.", passkeys))
	}
	if reprompts > 0 {
		w = append(w, fmt.Sprintf("%d items asked for the master password again in Bitwarden; in Vaultbar they are protected by the vault's lock like every other item.", reprompts))
	}
	return w
}

// folderName flattens Bitwarden's nested folders ("Work/Servers") into
// one readable name.
func folderName(n string) string {
	var parts []string
	for _, p := range strings.Split(n, "/") {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " / ")
}

func (c entry) group(names map[string]string) string {
	if c.FolderID != nil {
		return names[*c.FolderID]
	}
	if len(c.CollectionIDs) > 0 {
		return names[c.CollectionIDs[0]]
	}
	return ""
}

// Formats are this family's importable formats, for formats.All.
var Formats = []interchange.Format{JSON, CSV}
