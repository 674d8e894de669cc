package msecure

import "strings"

// kinds maps mSecure's template names (5 and 6, singular and plural) to
// Vaultbar built-in types. A template not listed keeps its own name.
var kinds = map[string]string{
	"login": "login", "web logins": "login", "web login": "login",
	"credit card": "credit-card", "credit cards": "credit-card",
	"bank account": "bank-account", "bank accounts": "bank-account",
	"email account": "email-account", "email accounts": "email-account",
	"identity": "identity", "contact": "identity",
	"note": "secure-note", "secure note": "secure-note", "notes": "secure-note",
	"passport":         "passport",
	"driver's license": "drivers-license", "drivers license": "drivers-license", "driver license": "drivers-license",
	"membership": "membership", "memberships": "membership", "frequent flyer": "membership",
	"insurance": "insurance", "insurance info": "insurance", "social security": "social-security",
	"software": "software-license", "registration codes": "software-license", "registration code": "software-license",
	"wireless router": "wifi", "wi-fi": "wifi", "wifi": "wifi",
	"server": "server", "password": "password",
}

// templates5 are the fields of mSecure 3/4/5's built-in types, in the
// order its CSV export writes them after the Notes column. Version 5
// renamed most types to the singular and added fields; the plural names
// are the older layout.
var templates5 = map[string][]string{
	"login":              {"URL", "Username", "Password"},
	"web logins":         {"URL", "Username", "Password"},
	"credit card":        {"Card No.", "Expiration Date", "Security Code", "Name", "PIN", "Bank", "Phone Number", "Billing Address"},
	"credit cards":       {"Card No.", "Expiration Date", "Name", "PIN", "Bank", "Security Code"},
	"bank account":       {"Account Number", "PIN", "Name", "Branch", "Routing Number", "Account Type", "Phone No."},
	"bank accounts":      {"Account Number", "PIN", "Name", "Branch", "Phone No."},
	"email account":      {"Username", "Password", "Incoming Mail Server", "Incoming Port", "Outgoing Mail Server", "Outgoing Port", "POP3 Host", "SMTP Host"},
	"email accounts":     {"Username", "Password", "POP3 Host", "SMTP Host"},
	"identity":           {"First Name", "Last Name", "Nick Name", "Company", "Title", "Address", "Address2", "City", "State", "Country", "Zip", "Home Phone", "Office Phone", "Mobile Phone", "Email", "Email2", "Skype", "Website"},
	"insurance info":     {"Policy No.", "Group No.", "Name", "Date", "Phone No."},
	"insurance":          {"Policy No.", "Group No.", "Name", "Date", "Phone No."},
	"membership":         {"Account Number", "Name", "Start Date", "Expiration Date"},
	"memberships":        {"Account Number", "Name", "Date"},
	"frequent flyer":     {"Number", "URL", "Username", "Password", "Mileage"},
	"passport":           {"Name", "Number", "Type", "Issuing Country", "Issuing Authority", "Nationality", "Expiration", "Place of Birth"},
	"prescriptions":      {"RX Number", "Name", "Doctor", "Pharmacy", "Phone No."},
	"registration codes": {"Number", "Date"},
	"social security":    {"Name", "Number"},
	"voice mail":         {"Access No.", "PIN"},
	"calling card":       {"Access No.", "PIN"},
	"calling cards":      {"Access No.", "PIN"},
	"combination":        {"Code"},
	"combinations":       {"Code"},
	"clothes size":       {"Shirt Size", "Pant Size", "Shoe Size", "Dress Size"},
	"birthdays":          {"Date"},
	"vehicle info":       {"License No.", "VIN", "Date Purchased", "Tire Size"},
	"unassigned":         {"Field1", "Field2", "Field3", "Field4", "Field5", "Field6"},
	"note":               {},
	"secure note":        {},
}

// keys maps a field label, per Vaultbar type, to the built-in field it
// fills. Labels not listed become custom fields.
var keys = map[string]map[string]string{
	"login": {"url": "url", "website": "url", "username": "username", "password": "password",
		"one-time password": "otp", "totp": "otp", "2fa": "otp", "one time password": "otp"},
	"credit-card": {"card number": "number", "card no.": "number", "card no": "number", "number": "number", "expiration date": "expiry",
		"expiration": "expiry", "name on card": "cardholder", "name": "cardholder", "security code": "cvv",
		"cvv": "cvv", "pin": "pin", "bank": "bank", "issuing bank": "bank"},
	"bank-account": {"account number": "account", "pin": "pin", "name": "holder", "account name": "holder",
		"bank name": "bank", "bank": "bank", "routing number": "routing", "iban": "iban", "swift": "swift",
		"phone no.": "phone", "phone number": "phone", "phone": "phone"},
	"email-account": {"username": "email", "email address": "email", "email": "email", "password": "password",
		"pop3 host": "imap", "imap host": "imap", "incoming server": "imap", "incoming mail server": "imap",
		"smtp host": "smtp", "outgoing server": "smtp", "outgoing mail server": "smtp"},
	"identity": {"first name": "first", "last name": "last", "email": "email", "address": "address",
		"mobile phone": "phone", "phone": "phone", "phone number": "phone", "birthday": "birth", "date of birth": "birth"},
	"secure-note": {},
	"passport": {"name": "name", "number": "number", "passport number": "number", "issuing country": "country",
		"expiration": "expiry", "expiration date": "expiry", "issue date": "issued", "date of issue": "issued"},
	"drivers-license": {"name": "name", "number": "number", "license number": "number", "class": "class",
		"state": "state", "expiration": "expiry", "expiration date": "expiry"},
	"membership": {"account number": "number", "number": "number", "membership number": "number", "member id": "number",
		"name": "member", "member name": "member", "organization": "org", "expiration date": "expiry", "phone number": "phone"},
	"insurance": {"policy no.": "policy", "policy number": "policy", "company": "company", "type": "type",
		"expiration date": "expiry", "phone no.": "phone", "phone number": "phone"},
	"social-security": {"name": "name", "number": "number"},
	"software-license": {"number": "key", "license key": "key", "registration code": "key", "product": "product",
		"version": "version", "licensed to": "owner", "email": "email", "purchase date": "purchased", "date": "purchased"},
	"wifi": {"network name": "ssid", "ssid": "ssid", "password": "password", "security": "security",
		"wireless password": "password", "security type": "security"},
	"server":   {"host": "host", "hostname": "host", "port": "port", "username": "username", "password": "password", "url": "url", "admin url": "url"},
	"password": {"password": "password"},
}

func norm(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// typeOf maps a template name to a Vaultbar type, or ("", name) when none
// fits.
func typeOf(template string) (typ, typeName string) {
	if t, ok := kinds[norm(template)]; ok {
		return t, ""
	}
	if strings.TrimSpace(template) == "" {
		return "secure-note", ""
	}
	return "", strings.TrimSpace(template)
}

// keyOf is the built-in key a label fills in a type, "" for a custom field.
func keyOf(typ, label string) string { return keys[typ][norm(label)] }
