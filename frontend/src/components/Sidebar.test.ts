import { cleanup, render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../lib/api'
import { vault } from '../lib/vault.svelte'
import { cardType, groups, loginType } from '../test/fakeApi'
import Sidebar from './Sidebar.svelte'

vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())

describe('Sidebar', () => {
  afterEach(() => cleanup())

  beforeEach(() => {
    vi.clearAllMocks()
    vault.clear()
    vault.groups = groups
    vault.types = [cardType, loginType]
    vault.counts = { all: 3, favorites: 1, 'group:business': 2, 'type:login': 3 }
  })

  it('lists the vault, groups and types with counts', () => {
    render(Sidebar, { onmanagetypes: () => {} })
    const list = screen.getByRole('listbox', { name: 'Record categories' })
    expect(within(list).getByRole('option', { name: /All Records/ })).toHaveAttribute('aria-selected', 'true')
    expect(within(list).getByRole('option', { name: /Favourites/ })).toHaveTextContent('1')
    expect(within(screen.getByRole('group', { name: 'Groups' })).getByRole('option', { name: /Business/ })).toHaveTextContent('2')
    expect(within(screen.getByRole('group', { name: 'Types' })).getByRole('option', { name: /Login/ })).toHaveTextContent('3')
  })

  it('filters by what is chosen, also with the arrow keys', async () => {
    render(Sidebar, { onmanagetypes: () => {} })
    await userEvent.click(screen.getByRole('option', { name: /Business/ }))
    expect(api.list).toHaveBeenLastCalledWith({ query: '', group: 'business' })
    screen.getByRole('listbox').focus()
    await userEvent.keyboard('{ArrowDown}')
    expect(api.list).toHaveBeenLastCalledWith({ query: '', group: 'personal' })
  })

  it('adds, renames and deletes a group', async () => {
    render(Sidebar, { onmanagetypes: () => {} })
    expect(screen.getByRole('button', { name: 'Rename Group' })).toBeDisabled()
    await userEvent.click(screen.getByRole('button', { name: 'New Group' }))
    await userEvent.type(screen.getByLabelText('Group name'), 'Travel{Enter}')
    expect(api.addGroup).toHaveBeenCalledWith('Travel')

    await userEvent.click(screen.getByRole('option', { name: /Business/ }))
    await userEvent.click(screen.getByRole('button', { name: 'Rename Group' }))
    const field = screen.getByLabelText('Group name')
    expect(field).toHaveValue('Business')
    await userEvent.clear(field)
    await userEvent.type(field, 'Work{Enter}')
    expect(api.renameGroup).toHaveBeenCalledWith('business', 'Work')

    await userEvent.click(screen.getByRole('button', { name: 'Delete Group' }))
    expect(screen.getByRole('dialog')).toHaveTextContent('Its records stay in the vault')
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete Group' }))
    expect(api.deleteGroup).toHaveBeenCalledWith('business')
  })
})
