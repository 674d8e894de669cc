package service

// lockSection is the settings section of what locks the vault besides the
// idle timer (backend/presence reports the events; the app asks here).
const lockSection = "lock"

type lockSettings struct {
	WhenAway *bool `json:"whenAway,omitempty"` // sleep or screen lock; absent: on
}

// LockWhenAway says whether the vault locks when the computer sleeps or
// its screen locks. On unless turned off.
func (s Settings) LockWhenAway() bool {
	var l lockSettings
	if err := s.Section(lockSection, &l); err != nil || l.WhenAway == nil {
		return true
	}
	return *l.WhenAway
}

// SetLockWhenAway turns locking on sleep and screen lock on or off.
func (s *Settings) SetLockWhenAway(on bool) error {
	return s.SetSection(lockSection, lockSettings{WhenAway: &on})
}
