import { cleanup, fireEvent, render, screen } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../lib/api'
import QuickShortcut from './QuickShortcut.svelte'

vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())

describe('QuickShortcut', { timeout: 30_000 }, () => {
  afterEach(() => cleanup())
  beforeEach(() => vi.clearAllMocks())

  it('records a new shortcut from the keys pressed', async () => {
    render(QuickShortcut)
    const field = await screen.findByDisplayValue('Ctrl+Shift+Space')
    field.focus()
    await fireEvent.keyDown(field, { key: 'K', code: 'KeyK', ctrlKey: true, altKey: true })
    expect(api.setQuickShortcut).toHaveBeenCalledWith('Ctrl+Alt+K')
    expect(await screen.findByRole('button', { name: 'Use Ctrl+Shift+Space' })).toBeInTheDocument()
  })

  it('reports a shortcut another application holds', async () => {
    vi.mocked(api.setQuickShortcut).mockRejectedValue(
      new Error('Another application already uses this shortcut.\nhint: Choose another one, or free it in that application.'),
    )
    render(QuickShortcut)
    const field = await screen.findByDisplayValue('Ctrl+Shift+Space')
    await fireEvent.keyDown(field, { key: 'P', code: 'KeyP', ctrlKey: true })
    expect(await screen.findByRole('alert')).toHaveTextContent('Another application already uses this shortcut')
  })

  it('says when the session has no global shortcut', async () => {
    vi.mocked(api.quickShortcut).mockResolvedValue({
      shortcut: 'Ctrl+Shift+Space',
      default: 'Ctrl+Shift+Space',
      available: false,
      active: false,
      problem: 'Wayland gives applications no global shortcut.',
    })
    render(QuickShortcut)
    expect(await screen.findByText(/No global shortcut is available here/)).toHaveTextContent('Wayland')
  })
})
