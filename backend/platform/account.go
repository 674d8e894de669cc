package platform

// MobileMeAccount reads the iCloud account's state out of
// MobileMeAccounts.plist (as ParsePlist returns it): signed in when an
// entry of Accounts is LoggedIn, iCloud Drive on when that entry's
// MOBILE_DOCUMENTS service is Enabled. Anything else (a missing key, a
// value of another type) counts as off, never as a failure.
func MobileMeAccount(v any) Account {
	root, _ := v.(map[string]any)
	accounts, _ := root["Accounts"].([]any)
	acct := Account{Known: true}
	for _, a := range accounts {
		entry, _ := a.(map[string]any)
		if in, _ := entry["LoggedIn"].(bool); !in {
			continue
		}
		acct.SignedIn = true
		if serviceEnabled(entry, "MOBILE_DOCUMENTS") {
			acct.DriveOn = true
		}
	}
	return acct
}

func serviceEnabled(entry map[string]any, name string) bool {
	services, _ := entry["Services"].([]any)
	for _, s := range services {
		svc, _ := s.(map[string]any)
		if n, _ := svc["Name"].(string); n == name {
			on, _ := svc["Enabled"].(bool)
			return on
		}
	}
	return false
}
