// This device's preferences (settings.json, through app_prefs.go) and what
// the platform offers, shared by the preferences sheet and the idle timer.
import * as api from './api'
import type { Platform, Preferences } from './types'

export const defaultPreferences: Preferences = {
  clipboardClearSeconds: 30,
  idleLockSeconds: 300,
  openAtLogin: false,
  showInDock: false,
  lockWhenAway: true,
}

export class PrefsStore {
  values = $state<Preferences>({ ...defaultPreferences })
  platform = $state<Platform>({ os: 'linux', dockSetting: false })
  /** Whether the preferences sheet is open. */
  open = $state(false)

  async load() {
    const [values, platform] = await Promise.all([api.preferences(), api.platform()])
    this.values = values
    this.platform = platform
  }

  async save(p: Preferences) {
    this.values = await api.savePreferences(p)
  }
}

export const prefs = new PrefsStore()
