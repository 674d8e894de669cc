// The one module that talks to the Go side. Components import from here and
// never from wailsjs/ or window.go directly, so the bindings can change (and
// be mocked in tests) in one place.
import * as App from '../../wailsjs/go/main/App'

/** The app's version string, as built into the Go binary. */
export function version(): Promise<string> {
  return App.Version()
}
