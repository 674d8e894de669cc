package tray

// Actions is what the dropdown's items do. The app implements it: the
// clipboard (and clearing it after the preferred delay), the window, the
// vault and the sync engine are the app's. Methods are called on the tray's
// own goroutine, one at a time, and should return promptly.
type Actions interface {
	SyncNow()
	Lock()
	ShowUnlock() // opens the window at the unlock screen
	Open()
	Preferences()
	QuickSearch()
	CopyField(recordID, fieldID string)
	Quit()
}

// Dispatch runs c on a.
func Dispatch(a Actions, c Command) {
	switch c.Op {
	case OpSyncNow:
		a.SyncNow()
	case OpQuickSearch:
		a.QuickSearch()
	case OpCopy:
		a.CopyField(c.RecordID, c.FieldID)
	case OpLock:
		a.Lock()
	case OpUnlock:
		a.ShowUnlock()
	case OpOpen:
		a.Open()
	case OpPreferences:
		a.Preferences()
	case OpQuit:
		a.Quit()
	}
}
