package onepassword

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/csvfmt"
	"vaultbar/backend/model"
)

// categories maps 1Password's category ids to Vaultbar built-in types, or
// to a type name of their own where none fits.
var categories = map[string][2]string{
	"001": {"login", ""}, "002": {"credit-card", ""}, "003": {"secure-note", ""}, "004": {"identity", ""},
	"005": {"password", ""}, "006": {"", "Document"}, "100": {"software-license", ""}, "101": {"bank-account", ""},
	"102": {"", "Database"}, "103": {"drivers-license", ""}, "104": {"", "Outdoor License"}, "105": {"membership", ""},
	"106": {"passport", ""}, "107": {"", "Reward Program"}, "108": {"social-security", ""}, "109": {"wifi", ""},
	"110": {"server", ""}, "111": {"email-account", ""}, "112": {"", "API Credential"}, "113": {"", "Medical Record"},
	"114": {"", "SSH Key"}, "115": {"", "Crypto Wallet"},
}

func category(id string) (typ, typeName string) {
	if c, ok := categories[id]; ok {
		return c[0], c[1]
	}
	return "", "1Password category " + id
}

// keys maps section field ids, per Vaultbar type, to built-in fields.
var keys = map[string]map[string]string{
	"credit-card":      {"cardholder": "cardholder", "ccnum": "number", "expiry": "expiry", "cvv": "cvv", "pin": "pin", "bank": "bank"},
	"identity":         {"firstname": "first", "lastname": "last", "birthdate": "birth", "email": "email", "defphone": "phone", "cellphone": "phone", "address": "address"},
	"bank-account":     {"bankName": "bank", "owner": "holder", "accountNo": "account", "routingNo": "routing", "iban": "iban", "swift": "swift", "telephonePin": "pin", "branchPhone": "phone"},
	"email-account":    {"pop_username": "email", "pop_password": "password", "pop_server": "imap", "smtp_server": "smtp"},
	"software-license": {"product_version": "version", "reg_code": "key", "reg_name": "owner", "reg_email": "email", "order_date": "purchased"},
	"wifi":             {"network_name": "ssid", "wireless_password": "password", "wireless_security": "security"},
	"server":           {"url": "url", "username": "username", "password": "password"},
	"membership":       {"org_name": "org", "member_name": "member", "membership_no": "number", "expiry_date": "expiry", "phone": "phone"},
	"passport":         {"fullname": "name", "number": "number", "issuing_country": "country", "issue_date": "issued", "expiry_date": "expiry"},
	"drivers-license":  {"fullname": "name", "number": "number", "class": "class", "state": "state", "expiry_date": "expiry"},
	"social-security":  {"name": "name", "number": "number"},
}

// loginKinds: the fieldType letters of a login's form fields.
var loginKinds = map[string]model.FieldKind{
	"P": model.KindSecret, "E": model.KindEmail, "U": model.KindURL, "TEL": model.KindPhone,
	"A": model.KindNote, "N": model.KindNumber, "T": model.KindText, "C": model.KindText,
}

func (p puxItem) loginFields(it *interchange.Item) {
	for _, f := range p.Details.LoginFields {
		key, kind := "", loginKinds[f.FieldType]
		if kind == "" {
			kind = model.KindText
		}
		if f.Designation == "username" || f.Designation == "password" {
			key = f.Designation
		}
		label := f.Name
		if label == "" {
			label = f.Designation
		}
		if label == "" {
			label = "field"
		}
		csvfmt.Add(it, key, label, kind, f.Value)
	}
	if pw := p.Details.Password; pw != nil {
		csvfmt.Add(it, "password", "password", model.KindSecret, *pw)
	}
}

// urls adds the primary website first, then the others under their labels.
func (p puxItem) urls(it *interchange.Item) {
	key := "url"
	if it.Type != "login" && it.Type != "server" {
		key = ""
	}
	csvfmt.Add(it, key, "website", model.KindURL, p.Overview.URL)
	for _, u := range p.Overview.URLs {
		if u.URL == p.Overview.URL {
			continue
		}
		label := u.Label
		if label == "" {
			label = "website"
		}
		csvfmt.Add(it, key, label, model.KindURL, u.URL)
	}
}

func section(it *interchange.Item, s puxSection) {
	for _, f := range s.Fields {
		kind, value, file := decodeValue(f.Value)
		if file != "" {
			it.Attachments = append(it.Attachments, file)
			continue
		}
		key := keys[it.Type][f.ID]
		if kind == model.KindOTP && it.Type == "login" {
			key = "otp"
		}
		csvfmt.Add(it, key, label(s.Title, f.Title, f.ID), kind, value)
	}
}

// label names a custom field; a field in a titled section keeps the
// section's name so two "PIN"s of different sections stay apart.
func label(sectionTitle, title, id string) string {
	if title == "" {
		title = id
	}
	if sectionTitle == "" {
		return title
	}
	return sectionTitle + ": " + title
}

// decodeValue reads a 1PUX field value: an object with one key naming its
// kind. A file is reported by name, not imported.
func decodeValue(v map[string]json.RawMessage) (kind model.FieldKind, value, file string) {
	for k, raw := range v {
		switch k {
		case "file":
			var f struct {
				FileName string `json:"fileName"`
			}
			if json.Unmarshal(raw, &f) != nil || f.FileName == "" {
				f.FileName = "an unnamed file"
			}
			return "", "", f.FileName
		case "address":
			return model.KindNote, address(raw), ""
		case "date":
			return model.KindDate, date(raw), ""
		case "monthYear":
			return model.KindDate, monthYear(raw), ""
		case "email":
			return model.KindEmail, email(raw), ""
		case "sshKey":
			return model.KindSecret, sshKey(raw), ""
		}
		return kindOf(k), text(raw), ""
	}
	return model.KindText, "", ""
}

var kinds = map[string]model.FieldKind{
	"concealed": model.KindSecret, "totp": model.KindOTP, "phone": model.KindPhone, "url": model.KindURL,
	"creditCardNumber": model.KindSecret, "string": model.KindText, "menu": model.KindText,
	"creditCardType": model.KindText, "gender": model.KindText,
}

func kindOf(k string) model.FieldKind {
	if kind, ok := kinds[k]; ok {
		return kind
	}
	return model.KindText
}

// text is a value as a string: strings as they are, anything else (a
// number, an object of a newer kind) as its JSON, so nothing is dropped.
func text(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	if string(raw) == "null" {
		return ""
	}
	return string(raw)
}

func address(raw json.RawMessage) string {
	var a struct{ Street, City, State, Zip, Country string }
	if json.Unmarshal(raw, &a) != nil {
		return text(raw)
	}
	cityLine := strings.TrimSpace(strings.Join(nonEmpty(a.City, a.State, a.Zip), " "))
	return strings.Join(nonEmpty(a.Street, cityLine, strings.ToUpper(a.Country)), "\n")
}

func nonEmpty(v ...string) []string {
	var out []string
	for _, s := range v {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// date: 1PUX stores dates as seconds since 1970.
func date(raw json.RawMessage) string {
	var sec int64
	if json.Unmarshal(raw, &sec) != nil || sec == 0 {
		return text(raw)
	}
	return time.Unix(sec, 0).UTC().Format("2006-01-02")
}

// monthYear: stored as the number YYYYMM; written MM/YYYY like a card.
func monthYear(raw json.RawMessage) string {
	var n int
	if json.Unmarshal(raw, &n) != nil || n < 100 {
		return text(raw)
	}
	return fmt.Sprintf("%02d/%d", n%100, n/100)
}

// email is a plain string in older exports, {"email_address": ...} in newer.
func email(raw json.RawMessage) string {
	var e struct {
		EmailAddress string `json:"email_address"`
	}
	if json.Unmarshal(raw, &e) == nil {
		return e.EmailAddress
	}
	return text(raw)
}

func sshKey(raw json.RawMessage) string {
	var k struct {
		PrivateKey string `json:"privateKey"`
	}
	if json.Unmarshal(raw, &k) == nil && k.PrivateKey != "" {
		return k.PrivateKey
	}
	return text(raw)
}

// history: password history, oldest first.
func (p puxItem) history(it *interchange.Item) {
	h := p.Details.PasswordHistory
	sort.SliceStable(h, func(i, j int) bool { return h[i].Time < h[j].Time })
	for _, v := range h {
		it.History = append(it.History, interchange.Version{
			Time:   csvfmt.UnixSeconds(strconv.FormatInt(v.Time, 10)),
			Fields: []interchange.Field{{Key: "password", Label: "password", Kind: model.KindSecret, Value: v.Value}},
		})
	}
}
