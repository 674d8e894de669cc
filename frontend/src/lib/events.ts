// The one module that subscribes to Wails runtime events. Event names match
// the constants in app.go; each subscribe function returns its unsubscribe,
// so a component can return it from onMount.
import { EventsEmit, EventsOn } from '../../wailsjs/runtime/runtime'
import type { Change, SyncInfo, TerminalAsk } from './types'

export const AppEvent = {
  Preferences: 'app:preferences',
  Locked: 'app:locked',
  VaultChanged: 'vault:changed',
  SyncStatus: 'sync:status',
  QuickSearch: 'app:quicksearch',
  PreferencesClosed: 'app:preferences-closed',
  TerminalAsk: 'hub:ask',
  TerminalDone: 'hub:done',
  Import: 'app:import',
  Export: 'app:export',
  ImportProgress: 'import:progress',
  NewRecord: 'app:new-record',
  Search: 'app:search',
} as const

/** Called when the user picks Import… in the app menu. */
export function onImport(handler: () => void): () => void {
  return EventsOn(AppEvent.Import, handler)
}

/** Called when the user picks Export… in the app menu. */
export function onExport(handler: () => void): () => void {
  return EventsOn(AppEvent.Export, handler)
}

/** Called while an import writes its records. */
export function onImportProgress(handler: (p: { done: number; total: number }) => void): () => void {
  return EventsOn(AppEvent.ImportProgress, handler)
}

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

/** Called when a vaultbar command asks to use the vault through the app. */
export function onTerminalAsk(handler: (a: TerminalAsk) => void): () => void {
  return EventsOn(AppEvent.TerminalAsk, handler)
}

/** Called when a terminal's request is answered, timed out or ended by a lock. */
export function onTerminalDone(handler: (id: string) => void): () => void {
  return EventsOn(AppEvent.TerminalDone, handler)
}
