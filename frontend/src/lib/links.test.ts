import { describe, expect, it, vi } from 'vitest'
import * as api from './api'
import { guardBrowserOpenURL } from './links'

vi.mock('./api', async () => (await import('../test/fakeApi')).fakeApi())

describe('guardBrowserOpenURL', () => {
  it("sends the runtime's BrowserOpenURL through App.OpenURL's http(s) check", () => {
    const original = vi.fn()
    const w = { runtime: { BrowserOpenURL: original } }
    guardBrowserOpenURL(w)
    w.runtime.BrowserOpenURL('smb://evil/share')
    expect(api.openURL).toHaveBeenCalledWith('smb://evil/share')
    expect(original).not.toHaveBeenCalled()
  })

  it('does nothing without the Wails runtime', () => {
    expect(() => guardBrowserOpenURL({})).not.toThrow()
  })
})
