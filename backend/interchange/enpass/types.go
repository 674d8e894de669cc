package enpass

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// templates maps Enpass's template types (category.kind) to Vaultbar
// built-in types; categories catch the rest.
var templates = map[string]string{
	"finance.bankaccount": "bank-account", "license.driving": "drivers-license", "travel.passport": "passport",
	"computer.wifi": "wifi", "computer.wireless": "wifi", "computer.emailaccount": "email-account",
	"computer.email": "email-account", "license.software": "software-license", "misc.membership": "membership",
	"computer.server": "server", "finance.insurance": "insurance", "misc.insurance": "insurance",
	"identity.ssn": "social-security", "license.ssn": "social-security", "misc.ssn": "social-security",
}

var categories = map[string]string{
	"login": "login", "password": "password", "creditcard": "credit-card", "note": "secure-note", "identity": "identity",
}

func typeOf(category, template string) (typ, typeName string) {
	if t, ok := templates[strings.ToLower(template)]; ok {
		return t, ""
	}
	if t, ok := categories[strings.ToLower(category)]; ok {
		return t, ""
	}
	if category == "" {
		return "secure-note", ""
	}
	r, n := utf8.DecodeRuneInString(category)
	return "", string(unicode.ToUpper(r)) + category[n:]
}

// fieldKeys: which built-in field an Enpass field type fills, per type.
var fieldKeys = map[string]map[string]string{
	"login":            {"username": "username", "password": "password", "url": "url", "totp": "otp"},
	"password":         {"password": "password"},
	"credit-card":      {"ccName": "cardholder", "ccNumber": "number", "ccCvc": "cvv", "ccPin": "pin", "ccExpiry": "expiry", "ccBankname": "bank"},
	"identity":         {"email": "email", "phone": "phone"},
	"bank-account":     {"pin": "pin", "phone": "phone"},
	"email-account":    {"email": "email", "username": "email", "password": "password"},
	"wifi":             {"password": "password"},
	"server":           {"username": "username", "password": "password", "url": "url"},
	"software-license": {"email": "email"},
	"membership":       {"phone": "phone"},
	"insurance":        {"phone": "phone"},
}

// labelKeys: for fields Enpass types only as text, the label says which
// built-in field they fill.
var labelKeys = map[string]map[string]string{
	"bank-account": {"bank name": "bank", "account holder": "holder", "account owner": "holder", "account number": "account",
		"routing number": "routing", "aba number": "routing", "iban": "iban", "swift": "swift", "swift code": "swift", "bic": "swift"},
	"drivers-license": {"name": "name", "full name": "name", "number": "number", "license number": "number", "class": "class",
		"state": "state", "expiry date": "expiry", "expiration date": "expiry"},
	"passport": {"name": "name", "full name": "name", "number": "number", "passport number": "number",
		"issuing country": "country", "issue date": "issued", "date of issue": "issued", "expiry date": "expiry"},
	"wifi":     {"ssid": "ssid", "network name": "ssid", "security": "security", "security type": "security"},
	"identity": {"first name": "first", "last name": "last", "date of birth": "birth", "birthday": "birth", "address": "address"},
	"membership": {"organization": "org", "organisation": "org", "member name": "member", "name": "member",
		"membership number": "number", "member id": "number", "number": "number", "expiry date": "expiry"},
	"software-license": {"product": "product", "version": "version", "license key": "key", "serial": "key", "key": "key",
		"licensed to": "owner", "purchase date": "purchased"},
	"server":          {"hostname": "host", "host": "host", "server": "host", "port": "port"},
	"email-account":   {"incoming server": "imap", "imap server": "imap", "pop3 server": "imap", "outgoing server": "smtp", "smtp server": "smtp"},
	"insurance":       {"company": "company", "provider": "company", "policy number": "policy", "policy type": "type", "expiry date": "expiry"},
	"social-security": {"name": "name", "number": "number", "ssn": "number"},
}

func keyOf(typ string, f field) string {
	if k := fieldKeys[typ][f.Type]; k != "" {
		return k
	}
	return labelKeys[typ][strings.ToLower(strings.TrimSpace(f.Label))]
}
