// Links leave the app only through App.OpenURL, which opens http(s) and
// nothing else. Wails' own window.runtime.BrowserOpenURL hands any scheme
// but a few to the system (smb:, vnc:, custom handlers), so the page's
// copy of it is replaced by the checked one. (Wails offers no hook on the
// Go side; the Content-Security-Policy keeps other scripts out of the page.)
import * as api from './api'

type Runtime = { BrowserOpenURL?: (url: string) => void }

export function guardBrowserOpenURL(w: { runtime?: Runtime } = window as unknown as { runtime?: Runtime }) {
  if (!w.runtime) return
  w.runtime.BrowserOpenURL = (url: string) => void api.openURL(url).catch(() => {})
}
