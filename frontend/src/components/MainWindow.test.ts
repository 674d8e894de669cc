import { cleanup, render, screen, waitFor } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../lib/api'
import { vault } from '../lib/vault.svelte'
import { fired, groups, loginType } from '../test/fakeApi'
import MainWindow from './MainWindow.svelte'

vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())
vi.mock('../lib/events', async () => (await import('../test/fakeApi')).fakeEvents())

const rows = [
  { id: 'r1', name: 'GitHub', type: 'login', subtitle: 'octocat', favorite: false },
  { id: 'r2', name: 'GitLab', type: 'login', subtitle: 'tanuki', favorite: false },
  { id: 'r3', name: 'Netflix', type: 'login', subtitle: 'me', favorite: false },
]

describe('MainWindow keyboard', { timeout: 30_000 }, () => {
  afterEach(() => cleanup())
  beforeEach(async () => {
    vi.clearAllMocks()
    vault.clear()
    vault.types = [loginType]
    vault.groups = groups
    vi.mocked(api.list).mockImplementation(async (f) => rows.filter((r) => r.name.toLowerCase().includes((f.query ?? '').toLowerCase())))
  })

  it('focuses search; ↓ moves into the results with the first selected; the details follow the results', async () => {
    render(MainWindow)
    await vault.refreshList()
    const search = screen.getByLabelText('Search records')
    expect(search).toHaveFocus()
    await vault.open('r3')
    await userEvent.type(search, 'git')
    await waitFor(() => expect(vault.query).toBe('git'))
    // Netflix is filtered out: the details show the first result instead.
    await waitFor(() => expect(vault.selectedId).toBe('r1'))
    await userEvent.keyboard('{ArrowDown}')
    await waitFor(() => expect(screen.getByRole('listbox', { name: /records$/ })).toHaveFocus())
    expect(vault.selectedId).toBe('r1')
    await userEvent.keyboard('{ArrowDown}')
    await waitFor(() => expect(vault.selectedId).toBe('r2'))
  })

  it('the Mac menu’s New Record and Search reach the window', async () => {
    render(MainWindow)
    fired.search()
    expect(screen.getByLabelText('Search records')).toHaveFocus()
    fired.newrecord()
    expect(await screen.findByRole('dialog', { name: 'New Record' })).toBeInTheDocument()
    expect(screen.getByLabelText('Name')).toHaveFocus()
  })

  it('Ctrl+C, Ctrl+B and Ctrl+T copy the selected record in Go, unless text is selected', async () => {
    render(MainWindow)
    await vault.refreshList()
    await vault.open('r2')
    screen.getByRole('listbox', { name: /records$/ }).focus()
    await userEvent.keyboard('{Control>}b{/Control}')
    expect(api.quickCopy).toHaveBeenLastCalledWith('r2', 'username')
    await userEvent.keyboard('{Control>}c{/Control}')
    expect(api.quickCopy).toHaveBeenLastCalledWith('r2', 'password')
    await userEvent.keyboard('{Control>}t{/Control}')
    expect(api.quickCopy).toHaveBeenLastCalledWith('r2', 'otp')
    expect(await screen.findByRole('status')).toHaveTextContent('Copied the')
    const search = screen.getByLabelText<HTMLInputElement>('Search records')
    await userEvent.type(search, 'abc')
    search.setSelectionRange(0, 3)
    vi.mocked(api.quickCopy).mockClear()
    await userEvent.keyboard('{Control>}c{/Control}')
    expect(api.quickCopy).not.toHaveBeenCalled()
  })
})
