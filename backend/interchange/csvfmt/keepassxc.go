package csvfmt

import (
	"strings"

	"vaultbar/backend/interchange"
)

var keepassxcCols = []string{"Group", "Title", "Username", "Password", "URL", "Notes", "TOTP", "Icon", "Last Modified", "Created"}

// KeePassXC reads KeePassXC's "Export to CSV" file. Its TOTP column holds
// an otpauth:// URI; its groups are paths under "Root".
var KeePassXC = interchange.Format{
	ID:   "keepassxc-csv",
	Name: "KeePassXC (CSV)",
	Sniff: func(name string, head []byte) bool {
		h := FirstLine(head)
		return SameColumns(h, keepassxcCols...) || SameColumns(h, keepassxcCols[:6]...)
	},
	Parse: parseKeePassXC,
}

var keepassxcTargets = map[string]string{
	"group": ColGroup, "title": ColTitle, "username": ColUsername, "password": ColPassword,
	"url": ColURL, "notes": ColNotes, "totp": ColOTP, "icon": ColIgnore,
	"last modified": ColModified, "created": ColCreated,
}

func parseKeePassXC(data []byte, _ interchange.Options) (interchange.Result, error) {
	res, err := parseTable(data, "KeePassXC CSV", keepassxcCols[:6], keepassxcTargets)
	for i := range res.Items {
		res.Items[i].Group = GroupPath(res.Items[i].Group)
	}
	return res, err
}

// GroupPath flattens a KeePass group path into one readable name: the
// database's root is dropped ("Root/Work/Servers" is "Work / Servers").
func GroupPath(p string) string {
	parts := strings.Split(p, "/")
	if len(parts) > 0 && (parts[0] == "Root" || parts[0] == "") {
		parts = parts[1:]
	}
	var keep []string
	for _, s := range parts {
		if s = strings.TrimSpace(s); s != "" {
			keep = append(keep, s)
		}
	}
	return strings.Join(keep, " / ")
}
