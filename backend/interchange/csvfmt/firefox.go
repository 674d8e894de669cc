package csvfmt

import (
	"net/url"

	"vaultbar/backend/interchange"
	"vaultbar/backend/model"
)

var firefoxCols = []string{"url", "username", "password", "httpRealm", "formActionOrigin", "guid",
	"timeCreated", "timeLastUsed", "timePasswordChanged"}

// Firefox reads Firefox's "Export Logins" file. It has no titles (each
// login is named after its site) and gives times in milliseconds.
var Firefox = interchange.Format{
	ID:   "firefox-csv",
	Name: "Firefox logins (CSV)",
	Sniff: func(name string, head []byte) bool {
		return SameColumns(FirstLine(head), firefoxCols...)
	},
	Parse: parseFirefox,
}

var firefoxTargets = map[string]string{
	"url": ColURL, "username": ColUsername, "password": ColPassword, "guid": ColIgnore,
	"timecreated": ColIgnore, "timelastused": ColIgnore, "timepasswordchanged": ColIgnore,
	"httprealm": ColIgnore, "formactionorigin": ColIgnore,
}

func parseFirefox(data []byte, _ interchange.Options) (interchange.Result, error) {
	t, err := ReadTable(data, firefoxTargets)
	if err != nil {
		return interchange.Result{}, err
	}
	if err := Require(t.Header, "Firefox CSV", "url", "username", "password"); err != nil {
		return interchange.Result{}, err
	}
	items := t.Items()
	for i, row := range t.Rows {
		firefoxExtras(&items[i], t.Header, row)
	}
	return interchange.Result{Format: "Firefox CSV", Items: items}, nil
}

// origin is a URL's scheme://host[:port], what Firefox writes as the form
// origin when the form posts to the page's own site.
func origin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// firefoxExtras keeps the realm and a form origin other than the page's
// own as custom fields (they say where the password is used) and reads
// the times.
func firefoxExtras(it *interchange.Item, header, row []string) {
	for i, h := range header {
		switch norm(h) {
		case "httprealm":
			Add(it, "", "HTTP Realm", model.KindText, row[i])
		case "formactionorigin":
			if row[i] != origin(Value(*it, ColURL)) {
				Add(it, "", "Form Action Origin", model.KindURL, row[i])
			}
		case "timecreated":
			it.Created = UnixMillis(row[i])
		case "timepasswordchanged":
			it.Modified = UnixMillis(row[i])
		}
	}
}
