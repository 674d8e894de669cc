import { cleanup, render, screen, waitFor } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import App from './App.svelte'
import * as api from './lib/api'
import { prefs } from './lib/prefs.svelte'
import { session } from './lib/session.svelte'
import { vault } from './lib/vault.svelte'
import { fired, github } from './test/fakeApi'

vi.mock('./lib/api', async () => (await import('./test/fakeApi')).fakeApi())
vi.mock('./lib/events', async () => (await import('./test/fakeApi')).fakeEvents())

describe('App', { timeout: 30_000 }, () => {
  afterEach(() => cleanup())

  beforeEach(() => {
    vi.clearAllMocks()
    session.phase = 'loading'
    prefs.open = false
    vault.clear()
  })

  it('asks for a new login password on first run', async () => {
    vi.mocked(api.vaultState).mockResolvedValue({ exists: false, locked: true })
    render(App)
    expect(await screen.findByRole('button', { name: 'Create Vault' })).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'Vaultbar' })).toBeInTheDocument()
    expect(await screen.findByText('1.2.3')).toBeInTheDocument()
  })

  it('says so when the Go side cannot be reached', async () => {
    vi.mocked(api.vaultState).mockRejectedValue(new Error('no bindings'))
    render(App)
    expect(await screen.findByRole('alert')).toHaveTextContent('no bindings')
  })

  it('opens the preferences from the menu event, and locks with Ctrl+L, dropping every record', async () => {
    vi.mocked(api.vaultState).mockResolvedValue({ exists: true, locked: false })
    vi.mocked(api.list).mockResolvedValue([{ id: 'r1', name: 'GitHub', type: 'login', subtitle: 'octocat', favorite: false }])
    render(App)
    expect(await screen.findByRole('option', { name: /GitHub/ })).toBeInTheDocument()
    await vault.open('r1')
    expect(vault.record).toEqual(github)

    fired.preferences()
    expect(await screen.findByRole('dialog', { name: 'Preferences' })).toBeInTheDocument()

    await userEvent.keyboard('{Control>}l{/Control}')
    expect(api.lock).toHaveBeenCalled()
    expect(await screen.findByRole('button', { name: 'Unlock' })).toBeInTheDocument()
    expect(vault.record).toBeNull()
    expect(vault.records).toEqual([])
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('goes to the lock screen when Go says the vault locked', async () => {
    vi.mocked(api.vaultState).mockResolvedValue({ exists: true, locked: false })
    render(App)
    await screen.findByRole('button', { name: 'Lock' })
    fired.locked()
    expect(await screen.findByRole('button', { name: 'Unlock' })).toBeInTheDocument()
  })

  it('reloads the list when a change arrives from another device', async () => {
    vi.mocked(api.vaultState).mockResolvedValue({ exists: true, locked: false })
    render(App)
    await screen.findByRole('button', { name: 'Lock' })
    vi.mocked(api.list).mockResolvedValue([{ id: 'r2', name: 'From elsewhere', type: 'login', subtitle: '', favorite: false }])
    fired.changed({ origin: 'sync', records: ['r2'], locked: false })
    await waitFor(() => expect(screen.getByRole('option', { name: /From elsewhere/ })).toBeInTheDocument())
  })
})
