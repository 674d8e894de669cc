import { cleanup, render, screen, waitFor } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../lib/api'
import type { Summary } from '../lib/types'
import { PAGE, vault } from '../lib/vault.svelte'
import { loginType } from '../test/fakeApi'
import RecordList from './RecordList.svelte'

vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())

const many = (n: number): Summary[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    name: `Site ${String(i).padStart(6, '0')}`,
    type: 'login',
    subtitle: `user${i}`,
    favorite: false,
  }))

describe('RecordList', { timeout: 30_000 }, () => {
  afterEach(() => cleanup())

  beforeEach(() => {
    vi.clearAllMocks()
    vault.clear()
    vault.types = [loginType]
  })

  it('renders at most a screenful of rows of 100,000 records, and pages from Go', async () => {
    vi.mocked(api.list).mockResolvedValue(many(100_000))
    render(RecordList)
    await vault.refreshList()
    await screen.findByRole('option', { name: /Site 000000/ })
    expect(screen.getByText('100000 records')).toBeInTheDocument()
    const rows = document.querySelectorAll('.records .row')
    expect(rows.length).toBeGreaterThan(5)
    expect(rows.length).toBeLessThanOrEqual(200)
    // Every request asked for one page, never the whole list.
    for (const [, , limit] of vi.mocked(api.page).mock.calls) expect(limit).toBeLessThanOrEqual(PAGE)
  })

  it('shows a record with no name as Untitled', async () => {
    vi.mocked(api.list).mockResolvedValue([{ id: 'n1', name: '', type: 'login', subtitle: 'later', favorite: false }])
    render(RecordList)
    await vault.refreshList()
    expect(await screen.findByRole('option', { name: /Untitled/ })).toBeInTheDocument()
  })

  it('says it is loading, not that the vault is empty, until the list arrives', async () => {
    let arrive: (s: Summary[]) => void = () => {}
    vi.mocked(api.list).mockReturnValue(new Promise((r) => (arrive = r)))
    render(RecordList)
    const loading = vault.refreshList()
    expect(screen.getByText('Loading records…')).toBeInTheDocument()
    expect(screen.queryByText(/No records yet/)).not.toBeInTheDocument()
    arrive([])
    await loading
    expect(await screen.findByText(/No records yet/)).toBeInTheDocument()
  })

  it('a change from sync reloads only the pages in view and keeps the rows it shows', async () => {
    vi.mocked(api.list).mockResolvedValue(many(10_000))
    render(RecordList)
    await vault.refreshList()
    const row = await screen.findByRole('option', { name: /Site 000003/ })
    vi.mocked(api.page).mockClear()
    await vault.changed({ origin: 'sync', records: ['r3'], locked: false })
    expect(vi.mocked(api.page).mock.calls.map(([, offset]) => offset)).toEqual([0])
    expect(screen.getByRole('option', { name: /Site 000003/ })).toBe(row)
  })

  it('asks for the next page before its rows come into view', async () => {
    vi.mocked(api.list).mockResolvedValue(many(10_000))
    render(RecordList)
    await vault.refreshList()
    await screen.findByRole('option', { name: /Site 000000/ })
    vi.mocked(api.page).mockClear()
    const list = screen.getByRole('listbox')
    list.scrollTop = 40 * 40 // row 40 at the top: rows up to about 66 are drawn
    list.dispatchEvent(new Event('scroll'))
    await waitFor(() => expect(vi.mocked(api.page).mock.calls.map(([, offset]) => offset)).toContain(PAGE))
    expect(document.querySelector('.records .row.placeholder')).toBeNull()
  })

  it('↓ and ↑ move the selection through pages that were not loaded yet', async () => {
    vi.mocked(api.list).mockResolvedValue(many(300))
    render(RecordList)
    await vault.refreshList()
    await screen.findByRole('option', { name: /Site 000000/ })
    await vault.open('r99')
    screen.getByRole('listbox').focus()
    await userEvent.keyboard('{ArrowDown}')
    await waitFor(() => expect(vault.selectedId).toBe('r100'))
    await userEvent.keyboard('{ArrowUp}')
    await waitFor(() => expect(vault.selectedId).toBe('r99'))
  })

  it('switching to Deleted Records shows it loading, never the rows of the listing before', async () => {
    let arrive: (s: Summary[]) => void = () => {}
    vi.mocked(api.list).mockImplementation((f) => (f.deleted ? new Promise((r) => (arrive = r)) : Promise.resolve(many(3))))
    render(RecordList)
    await vault.refreshList()
    await screen.findByRole('option', { name: /Site 000001/ })
    const switching = vault.select({ kind: 'deleted' })
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Deleted Records' })).toBeInTheDocument())
    expect(screen.queryAllByRole('option')).toEqual([])
    expect(screen.getByText('Loading records…')).toBeInTheDocument()
    arrive([{ id: 'd1', name: 'Old Bank', type: 'login', subtitle: '', favorite: false }])
    await switching
    expect(await screen.findByRole('option', { name: /Old Bank/ })).toBeInTheDocument()
    expect(screen.queryByRole('option', { name: /Site 000001/ })).not.toBeInTheDocument()
  })
})
