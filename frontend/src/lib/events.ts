// The one module that subscribes to Wails runtime events. Event names match
// the constants in app.go; each subscribe function returns its unsubscribe,
// so a component can return it from onMount.
import { EventsEmit, EventsOn } from '../../wailsjs/runtime/runtime'
import type { Change, SyncInfo } from './types'

export const AppEvent = {
  Preferences: 'app:preferences',
  Locked: 'app:locked',
  VaultChanged: 'vault:changed',
  SyncStatus: 'sync:status',
  QuickSearch: 'app:quicksearch',
  PreferencesClosed: 'app:preferences-closed',
  NewRecord: 'app:new-record',
  Search: 'app:search',
} as const

/** The Mac menu's File ▸ New Record (⌘N). */
export function onNewRecord(handler: () => void): () => void {
  return EventsOn(AppEvent.NewRecord, handler)
}

/** The Mac menu's View ▸ Search (⌘F). */
export function onSearch(handler: () => void): () => void {
  return EventsOn(AppEvent.Search, handler)
}

/** Called when the user picks Preferences… (⌘,) in the app menu. */
export function onPreferences(handler: () => void): () => void {
  return EventsOn(AppEvent.Preferences, handler)
}

/** Called when the vault locks, whoever locked it (idle timer, menu, another window). */
export function onLocked(handler: () => void): () => void {
  return EventsOn(AppEvent.Locked, handler)
}

/** Called after every change to the vault, from this device or merged in by sync. */
export function onVaultChanged(handler: (c: Change) => void): () => void {
  return EventsOn(AppEvent.VaultChanged, handler)
}

/** Called when the sync status changes (syncing, done, a problem). */
export function onSyncStatus(handler: (s: SyncInfo) => void): () => void {
  return EventsOn(AppEvent.SyncStatus, handler)
}

/** Called when the menu-bar item asks for quick search. */
export function onQuickSearch(handler: () => void): () => void {
  return EventsOn(AppEvent.QuickSearch, handler)
}

/** Tells Go the preferences closed, so a hidden Dock icon hides again. */
export function preferencesClosed(): void {
  EventsEmit(AppEvent.PreferencesClosed)
}
