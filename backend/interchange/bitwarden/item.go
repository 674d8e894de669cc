package bitwarden

import (
	"strings"
	"time"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/csvfmt"
	"vaultbar/backend/model"
)

// Bitwarden's cipher types.
const (
	typeLogin    = 1
	typeNote     = 2
	typeCard     = 3
	typeIdentity = 4
	typeSSHKey   = 5
)

func s(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func t(p *time.Time) time.Time {
	if p == nil {
		return time.Time{}
	}
	return p.UTC()
}

func (c entry) item() (interchange.Item, bool) {
	it := interchange.Item{Title: c.Name, Notes: s(c.Notes), Favorite: c.Favorite,
		Created: t(c.CreationDate), Modified: t(c.RevisionDate), Trashed: c.DeletedDate != nil}
	switch c.Type {
	case typeLogin:
		it.Type = "login"
		c.Login.fill(&it)
	case typeNote:
		it.Type = "secure-note"
	case typeCard:
		it.Type = "credit-card"
		c.Card.fill(&it)
	case typeIdentity:
		it.Type = "identity"
		c.Identity.fill(&it)
	case typeSSHKey:
		it.TypeName = "SSH Key"
		c.SSHKey.fill(&it)
	default:
		return it, false
	}
	for _, f := range c.Fields {
		f.fill(&it, c.Type)
	}
	restoreType(&it)
	it.History = history(c.PasswordHistory)
	return it, true
}

// typeField is the custom field in which Vaultbar's own Bitwarden export
// keeps a record's type, which Bitwarden has no place for.
const typeField = "Vaultbar type"

// restoreType gives an item exported by Vaultbar its record type back.
func restoreType(it *interchange.Item) {
	for i, f := range it.Fields {
		if f.Key != "" || f.Label != typeField {
			continue
		}
		it.Fields = append(it.Fields[:i:i], it.Fields[i+1:]...)
		if len(it.Fields) == 0 {
			it.Fields = nil
		}
		it.Type, it.TypeName = csvfmt.TypeOf(f.Value)
		return
	}
}

func (l *login) fill(it *interchange.Item) {
	if l == nil {
		return
	}
	csvfmt.Add(it, "username", "Username", model.KindText, s(l.Username))
	csvfmt.Add(it, "password", "Password", model.KindSecret, s(l.Password))
	for _, u := range l.URIs {
		csvfmt.Add(it, "url", "Website", model.KindURL, s(u.URI))
	}
	csvfmt.Add(it, "otp", "One-Time Password", model.KindOTP, s(l.TOTP))
}

func (c *card) fill(it *interchange.Item) {
	if c == nil {
		return
	}
	csvfmt.Add(it, "cardholder", "Cardholder Name", model.KindText, s(c.CardholderName))
	csvfmt.Add(it, "", "Brand", model.KindText, s(c.Brand))
	csvfmt.Add(it, "number", "Number", model.KindSecret, s(c.Number))
	csvfmt.Add(it, "expiry", "Expiration", model.KindDate, expiry(s(c.ExpMonth), s(c.ExpYear)))
	csvfmt.Add(it, "cvv", "Security Code", model.KindPIN, s(c.Code))
}

// expiry writes a card's month and year as MM/YYYY, or whichever of the two
// the source has.
func expiry(month, year string) string {
	if len(month) == 1 {
		month = "0" + month
	}
	if month == "" || year == "" {
		return month + year
	}
	return month + "/" + year
}

func (i *identity) fill(it *interchange.Item) {
	if i == nil {
		return
	}
	csvfmt.Add(it, "", "Title", model.KindText, s(i.Title))
	csvfmt.Add(it, "first", "First Name", model.KindText, s(i.FirstName))
	csvfmt.Add(it, "", "Middle Name", model.KindText, s(i.MiddleName))
	csvfmt.Add(it, "last", "Last Name", model.KindText, s(i.LastName))
	csvfmt.Add(it, "", "Company", model.KindText, s(i.Company))
	csvfmt.Add(it, "email", "Email", model.KindEmail, s(i.Email))
	csvfmt.Add(it, "phone", "Phone", model.KindPhone, s(i.Phone))
	csvfmt.Add(it, "address", "Address", model.KindNote, i.address())
	csvfmt.Add(it, "", "Social Security Number", model.KindSecret, s(i.SSN))
	csvfmt.Add(it, "", "Username", model.KindText, s(i.Username))
	csvfmt.Add(it, "", "Passport Number", model.KindSecret, s(i.PassportNumber))
	csvfmt.Add(it, "", "License Number", model.KindSecret, s(i.LicenseNumber))
}

// address joins the identity's address lines the way a letter would.
func (i *identity) address() string {
	cityLine := strings.TrimSpace(strings.Join(nonEmpty(s(i.City), s(i.State), s(i.PostalCode)), " "))
	return strings.Join(nonEmpty(s(i.Address1), s(i.Address2), s(i.Address3), cityLine, s(i.Country)), "\n")
}

func nonEmpty(v ...string) []string {
	var out []string
	for _, x := range v {
		if strings.TrimSpace(x) != "" {
			out = append(out, x)
		}
	}
	return out
}

func (k *sshKey) fill(it *interchange.Item) {
	if k == nil {
		return
	}
	csvfmt.Add(it, "", "Private Key", model.KindSecret, s(k.PrivateKey))
	csvfmt.Add(it, "", "Public Key", model.KindText, s(k.PublicKey))
	csvfmt.Add(it, "", "Fingerprint", model.KindText, s(k.KeyFingerprint))
}

// Custom field types.
const (
	fieldText    = 0
	fieldHidden  = 1
	fieldBoolean = 2
	fieldLinked  = 3
)

// fill adds a custom field. A linked field has no value of its own: it
// points at one of the item's built-in fields, which it names.
func (f field) fill(it *interchange.Item, cipherType int) {
	kind, value := model.KindText, s(f.Value)
	switch f.Type {
	case fieldHidden:
		kind = model.KindSecret
	case fieldBoolean:
		value = strings.ToLower(value)
		if value != "true" {
			value = "false"
		}
	case fieldLinked:
		value = "linked to " + linkedName(f.LinkedID)
	}
	csvfmt.Add(it, "", f.Name, kind, value)
}

// linked names Bitwarden's linked-field ids (login 100+, card 300+,
// identity 400+).
var linked = map[int]string{
	100: "Username", 101: "Password",
	300: "Cardholder Name", 301: "Expiration Month", 302: "Expiration Year", 303: "Security Code", 304: "Brand", 305: "Number",
	400: "Title", 401: "Middle Name", 402: "Address 1", 403: "Address 2", 404: "Address 3", 405: "City", 406: "State",
	407: "Postal Code", 408: "Country", 409: "Company", 410: "Email", 411: "Phone", 412: "SSN", 413: "Username",
	414: "Passport Number", 415: "License Number", 416: "First Name", 417: "Last Name", 418: "Full Name",
}

func linkedName(id *int) string {
	if id == nil {
		return "another field"
	}
	if n, ok := linked[*id]; ok {
		return n
	}
	return "another field"
}

// history turns the password history into versions, oldest first as
// Vaultbar keeps them (Bitwarden lists the newest first).
func history(past []pastValue) []interchange.Version {
	out := make([]interchange.Version, 0, len(past))
	for i := len(past) - 1; i >= 0; i-- {
		p := past[i]
		out = append(out, interchange.Version{Time: t(p.LastUsedDate), Fields: []interchange.Field{
			{Key: "password", Label: "Password", Kind: model.KindSecret, Value: p.Password}}})
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
