import { cleanup, render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../lib/api'
import { vault } from '../lib/vault.svelte'
import { cardType, loginType } from '../test/fakeApi'
import TypesSheet from './TypesSheet.svelte'

vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())

const wifiType = { id: 'wifi', name: 'Wi-Fi', builtin: true, fields: [{ id: 'ssid', label: 'Network Name', kind: 'text' as const }] }

describe('TypesSheet', () => {
  afterEach(() => cleanup())

  beforeEach(() => {
    vi.clearAllMocks()
    vault.clear()
    vault.types = [cardType, loginType]
  })

  it('lists deleted types, built-in ones too, and restores one', async () => {
    vi.mocked(api.deletedTypes).mockResolvedValueOnce([wifiType]).mockResolvedValueOnce([])
    vi.mocked(api.restoreType).mockResolvedValue(wifiType)
    vi.mocked(api.types).mockResolvedValue([cardType, loginType, wifiType])
    render(TypesSheet, { onclose: () => {} })
    const list = await screen.findByRole('list', { name: 'Deleted types' })
    expect(within(list).getByText('Wi-Fi')).toBeInTheDocument()
    await userEvent.click(within(list).getByRole('button', { name: 'Restore type Wi-Fi' }))
    expect(api.restoreType).toHaveBeenCalledWith('wifi')
    expect(await screen.findByRole('option', { name: 'Wi-Fi', selected: true })).toBeInTheDocument()
    expect(screen.queryByRole('list', { name: 'Deleted types' })).not.toBeInTheDocument()
  })

  it('shows why a restore is refused', async () => {
    vi.mocked(api.deletedTypes).mockResolvedValue([wifiType])
    vi.mocked(api.restoreType).mockRejectedValue(new Error('a type named "Wi-Fi": already exists\nhint: choose another name'))
    render(TypesSheet, { onclose: () => {} })
    await userEvent.click(await screen.findByRole('button', { name: 'Restore type Wi-Fi' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('already exists')
  })

  it('shows no deleted types when there are none', async () => {
    render(TypesSheet, { onclose: () => {} })
    await vi.waitFor(() => expect(api.deletedTypes).toHaveBeenCalled())
    expect(screen.queryByRole('list', { name: 'Deleted types' })).not.toBeInTheDocument()
  })
})
