package service

// GetSecret, SetSecret and DeleteSecret keep a few named strings inside
// the encrypted vault: the home of last resort for the cloud sync password
// when no OS secret store answers (secrets.SecretBag). They are readable
// only while the vault is unlocked.

// GetSecret returns the secret stored under key; ok is false when there is
// none or the vault is locked.
func (s *VaultService) GetSecret(key string) (value string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	value, ok = s.state.Secrets[key]
	return value, ok
}

// SetSecret stores value under key and saves the vault.
func (s *VaultService) SetSecret(key, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.vault == nil {
		return ErrVaultLocked
	}
	if s.state.Secrets == nil {
		s.state.Secrets = map[string]string{}
	}
	s.state.Secrets[key] = value
	return s.save(nil)
}

// DeleteSecret removes the secret under key and saves the vault.
func (s *VaultService) DeleteSecret(key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.vault == nil {
		return ErrVaultLocked
	}
	if _, ok := s.state.Secrets[key]; !ok {
		return nil
	}
	delete(s.state.Secrets, key)
	return s.save(nil)
}
