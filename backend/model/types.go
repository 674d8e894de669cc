package model

import (
	"fmt"
	"strconv"
	"strings"
)

// FieldKind says how a field's value is shown, checked and protected.
type FieldKind string

const (
	KindText   FieldKind = "text"
	KindSecret FieldKind = "secret" // masked, never searched
	KindURL    FieldKind = "url"
	KindEmail  FieldKind = "email"
	KindPhone  FieldKind = "phone"
	KindDate   FieldKind = "date"
	KindNumber FieldKind = "number"
	KindPIN    FieldKind = "pin" // masked, never searched
	KindNote   FieldKind = "note"
	KindOTP    FieldKind = "otp" // one-time-password secret; masked, never searched
)

// FieldKinds lists every kind, in the order editors offer them.
var FieldKinds = []FieldKind{KindText, KindSecret, KindURL, KindEmail, KindPhone, KindDate, KindNumber, KindPIN, KindNote, KindOTP}

// Valid reports whether k is a known kind.
func (k FieldKind) Valid() bool {
	for _, x := range FieldKinds {
		if k == x {
			return true
		}
	}
	return false
}

// Concealed reports whether values of this kind are masked and kept out of
// search.
func (k FieldKind) Concealed() bool { return k == KindSecret || k == KindPIN || k == KindOTP }

// FieldDef is one field of a record type.
type FieldDef struct {
	ID    string    `json:"id"`
	Label string    `json:"label"`
	Kind  FieldKind `json:"kind"`
}

// A type's field definitions live in registers "fd/<id>" whose value is
// "<position>\t<kind>\t<label>", or "" once the field is removed, so that two
// devices adding fields to one type concurrently keep both.
func encodeFieldDef(pos int, d FieldDef) string {
	return strconv.Itoa(pos) + "\t" + string(d.Kind) + "\t" + d.Label
}

func decodeFieldDef(id, v string) (pos int, d FieldDef, ok bool) {
	parts := strings.SplitN(v, "\t", 3)
	if len(parts) != 3 {
		return 0, FieldDef{}, false
	}
	pos, err := strconv.Atoi(parts[0])
	if err != nil {
		return 0, FieldDef{}, false
	}
	return pos, FieldDef{ID: id, Label: parts[2], Kind: FieldKind(parts[1])}, true
}

// Register keys. Record: name, notes, type, fav ("1" or ""), g/<group id>
// ("1" member, "" not), f/<field id>. Group: name. Type: name, fd/<field id>.
const (
	RegName     = "name"
	RegNotes    = "notes"
	RegType     = "type"
	RegFavorite = "fav"
	RegCreated  = "created" // unix ms, written once
	prefixGroup = "g/"
	prefixField = "f/"
	prefixDef   = "fd/"
)

// FieldKey is the register key of a record's field.
func FieldKey(fieldID string) string { return prefixField + fieldID }

// GroupKey is the register key of a record's membership in a group.
func GroupKey(groupID string) string { return prefixGroup + groupID }

type builtin struct {
	id, name string
	fields   []FieldDef
}

func f(id, label string, k FieldKind) FieldDef { return FieldDef{ID: id, Label: label, Kind: k} }

// Built-in record types have fixed ids and zero stamps, so every device seeds
// identical entities and a device that joins brings no duplicates.
var builtinTypes = []builtin{
	{"login", "Login", []FieldDef{f("username", "Username", KindText), f("password", "Password", KindSecret), f("url", "Website", KindURL), f("otp", "One-Time Password", KindOTP)}},
	{"credit-card", "Credit Card", []FieldDef{f("cardholder", "Cardholder", KindText), f("number", "Card Number", KindSecret), f("expiry", "Expiry Date", KindDate), f("cvv", "Security Code", KindPIN), f("pin", "PIN", KindPIN), f("bank", "Issuing Bank", KindText)}},
	{"bank-account", "Bank Account", []FieldDef{f("bank", "Bank Name", KindText), f("holder", "Account Holder", KindText), f("account", "Account Number", KindSecret), f("routing", "Routing Number", KindText), f("iban", "IBAN", KindSecret), f("swift", "SWIFT/BIC", KindText), f("pin", "PIN", KindPIN), f("phone", "Phone", KindPhone)}},
	{"email-account", "Email Account", []FieldDef{f("email", "Email", KindEmail), f("password", "Password", KindSecret), f("imap", "Incoming Server", KindText), f("smtp", "Outgoing Server", KindText)}},
	{"identity", "Identity", []FieldDef{f("first", "First Name", KindText), f("last", "Last Name", KindText), f("birth", "Date of Birth", KindDate), f("email", "Email", KindEmail), f("phone", "Phone", KindPhone), f("address", "Address", KindNote)}},
	{"secure-note", "Secure Note", []FieldDef{f("note", "Note", KindNote)}},
	{"password", "Password", []FieldDef{f("password", "Password", KindSecret)}},
	{"software-license", "Software License", []FieldDef{f("product", "Product", KindText), f("version", "Version", KindText), f("key", "License Key", KindSecret), f("owner", "Licensed To", KindText), f("email", "Email", KindEmail), f("purchased", "Purchase Date", KindDate)}},
	{"wifi", "Wi-Fi", []FieldDef{f("ssid", "Network Name", KindText), f("password", "Password", KindSecret), f("security", "Security", KindText)}},
	{"server", "Server", []FieldDef{f("host", "Host", KindText), f("port", "Port", KindNumber), f("username", "Username", KindText), f("password", "Password", KindSecret), f("url", "Admin URL", KindURL)}},
	{"membership", "Membership", []FieldDef{f("org", "Organisation", KindText), f("member", "Member Name", KindText), f("number", "Membership Number", KindText), f("expiry", "Expiry Date", KindDate), f("phone", "Phone", KindPhone)}},
	{"passport", "Passport", []FieldDef{f("name", "Full Name", KindText), f("number", "Passport Number", KindSecret), f("country", "Issuing Country", KindText), f("issued", "Issue Date", KindDate), f("expiry", "Expiry Date", KindDate)}},
	{"drivers-license", "Driver's License", []FieldDef{f("name", "Full Name", KindText), f("number", "License Number", KindSecret), f("class", "Class", KindText), f("state", "State/Region", KindText), f("expiry", "Expiry Date", KindDate)}},
	{"insurance", "Insurance", []FieldDef{f("company", "Company", KindText), f("policy", "Policy Number", KindSecret), f("type", "Policy Type", KindText), f("expiry", "Expiry Date", KindDate), f("phone", "Phone", KindPhone)}},
	{"social-security", "Social Security", []FieldDef{f("name", "Full Name", KindText), f("number", "Number", KindSecret)}},
}

var builtinGroups = [][2]string{{"personal", "Personal"}, {"business", "Business"}}

// Seed returns the built-in types and default groups. Their registers carry
// the zero stamp: identical on every device and beaten by any edit.
func Seed() []*Entity {
	var out []*Entity
	for _, b := range builtinTypes {
		e := &Entity{ID: b.id, Kind: KindType, Regs: map[string]Reg{RegName: {V: b.name}}}
		for i, d := range b.fields {
			e.Regs[prefixDef+d.ID] = Reg{V: encodeFieldDef(i, d)}
		}
		out = append(out, e)
	}
	for _, g := range builtinGroups {
		out = append(out, &Entity{ID: g[0], Kind: KindGroup, Regs: map[string]Reg{RegName: {V: g[1]}}})
	}
	return out
}

// IsBuiltin reports whether id names a seeded type or group.
func IsBuiltin(id string) bool {
	for _, b := range builtinTypes {
		if b.id == id {
			return true
		}
	}
	for _, g := range builtinGroups {
		if g[0] == id {
			return true
		}
	}
	return false
}

func (d FieldDef) String() string { return fmt.Sprintf("%s (%s)", d.Label, d.Kind) }
