package secrets

// label is the item's name as keychain and keyring browsers show it.
func label(account string) string {
	return Service + " (" + account + ")"
}
