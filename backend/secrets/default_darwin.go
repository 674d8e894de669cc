package secrets

func platformStore() Store { return Keychain{} }
