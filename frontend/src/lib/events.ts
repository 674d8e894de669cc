// The one module that subscribes to Wails runtime events. Event names match
// the constants in app.go; each subscribe function returns its unsubscribe,
// so a component can return it from onMount.
import { EventsOn } from '../../wailsjs/runtime/runtime'

export const AppEvent = {
  Preferences: 'app:preferences',
} as const

/** Called when the user picks Preferences… (⌘,) in the app menu. */
export function onPreferences(handler: () => void): () => void {
  return EventsOn(AppEvent.Preferences, handler)
}
