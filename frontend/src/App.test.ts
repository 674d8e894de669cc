import { render, screen } from '@testing-library/svelte'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import App from './App.svelte'
import * as api from './lib/api'
import * as events from './lib/events'

vi.mock('./lib/api', () => ({ version: vi.fn() }))
vi.mock('./lib/events', () => ({ onPreferences: vi.fn() }))

describe('App', () => {
  let preferences: () => void

  beforeEach(() => {
    vi.mocked(events.onPreferences).mockImplementation((handler) => {
      preferences = handler
      return () => {}
    })
  })

  it('shows the name and the version from the Go side', async () => {
    vi.mocked(api.version).mockResolvedValue('1.2.3')
    render(App)

    expect(screen.getByRole('heading', { name: 'Vaultbar' })).toBeInTheDocument()
    expect(await screen.findByText('1.2.3')).toBeInTheDocument()
  })

  it('says so when the Go side cannot be reached', async () => {
    vi.mocked(api.version).mockRejectedValue(new Error('no bindings'))
    render(App)

    expect(await screen.findByRole('alert')).toHaveTextContent('no bindings')
  })

  it('answers the Preferences menu item', async () => {
    vi.mocked(api.version).mockResolvedValue('1.2.3')
    render(App)

    preferences()
    expect(await screen.findByRole('status')).toHaveTextContent('not available yet')
  })
})
