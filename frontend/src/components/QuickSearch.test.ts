import { cleanup, render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../lib/api'
import { session } from '../lib/session.svelte'
import QuickSearch from './QuickSearch.svelte'

vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())

const summaries = [
  { id: 'r1', name: 'GitHub', type: 'login', subtitle: 'octocat', favorite: false },
  { id: 'r2', name: 'GitLab', type: 'login', subtitle: 'octo', favorite: false },
]

describe('QuickSearch', { timeout: 30_000 }, () => {
  afterEach(() => cleanup())
  beforeEach(() => {
    vi.clearAllMocks()
    session.phase = 'unlocked'
    vi.mocked(api.list).mockImplementation(async (f) =>
      summaries.filter((s) => s.name.toLowerCase().includes((f.query ?? '').toLowerCase())),
    )
  })

  it('searches in Go as they type and copies the password by id on Enter, never fetching the record', async () => {
    const onclose = vi.fn()
    render(QuickSearch, { onclose })
    const box = screen.getByLabelText('Quick Access search')
    expect(box).toHaveFocus()
    await userEvent.type(box, 'hub')
    expect(await screen.findByRole('option', { name: /GitHub/ })).toHaveAttribute('aria-selected', 'true')
    expect(screen.queryByRole('option', { name: /GitLab/ })).not.toBeInTheDocument()
    expect(api.page).toHaveBeenLastCalledWith({ query: 'hub' }, 0, 50)
    await userEvent.keyboard('{Enter}')
    expect(api.quickCopy).toHaveBeenCalledWith('r1', 'password')
    expect(await screen.findByRole('status')).toHaveTextContent('Copied the password of “GitHub”')
    await vi.waitFor(() => expect(onclose).toHaveBeenCalledWith({ copied: expect.stringContaining('password') }))
    expect(api.record).not.toHaveBeenCalled()
    expect(api.copy).not.toHaveBeenCalled()
  })

  it('↓ selects the next result; Ctrl+B, Ctrl+T, Ctrl+C copy its fields; Ctrl+O opens it; Esc closes', async () => {
    const onclose = vi.fn()
    render(QuickSearch, { onclose })
    await screen.findByRole('option', { name: /GitLab/ })
    await userEvent.keyboard('{ArrowDown}')
    expect(screen.getByRole('option', { name: /GitLab/ })).toHaveAttribute('aria-selected', 'true')
    await userEvent.keyboard('{Control>}b{/Control}')
    expect(api.quickCopy).toHaveBeenLastCalledWith('r2', 'username')
    await userEvent.keyboard('{Control>}t{/Control}')
    expect(api.quickCopy).toHaveBeenLastCalledWith('r2', 'otp')
    await userEvent.keyboard('{Control>}c{/Control}')
    expect(api.quickCopy).toHaveBeenLastCalledWith('r2', 'password')
    await userEvent.keyboard('{Control>}l{/Control}')
    expect(api.openRecordURL).toHaveBeenCalledWith('r2')
    await userEvent.keyboard('{Control>}o{/Control}')
    expect(onclose).toHaveBeenCalledWith({ open: 'r2' })
    await userEvent.keyboard('{Escape}')
    expect(onclose).toHaveBeenLastCalledWith({})
  })

  it('asks for the password when locked, then searches what was typed', async () => {
    session.phase = 'locked'
    render(QuickSearch, { onclose: vi.fn() })
    const pw = screen.getByLabelText(/Login password/)
    expect(pw).toHaveFocus()
    await userEvent.type(screen.getByLabelText('Quick Access search'), 'lab')
    expect(api.page).not.toHaveBeenCalled()
    await userEvent.type(pw, 'secret{Enter}')
    expect(api.unlock).toHaveBeenCalledWith('secret')
    expect(await screen.findByRole('option', { name: /GitLab/ })).toBeInTheDocument()
    expect(screen.queryByRole('option', { name: /GitHub/ })).not.toBeInTheDocument()
    expect(screen.getByLabelText('Quick Access search')).toHaveFocus()
  })

  it('a fast typist: one search in flight, then only the newest query; an older answer never shows', async () => {
    const pending: (() => void)[] = []
    vi.mocked(api.page).mockImplementation(async (f, offset, limit) => {
      await new Promise<void>((r) => pending.push(r))
      const all = summaries.filter((s) => s.name.toLowerCase().includes((f.query ?? '').toLowerCase()))
      return { total: all.length, offset, items: all.slice(offset, offset + limit), at: -1 }
    })
    render(QuickSearch, { onclose: vi.fn() })
    const box = screen.getByLabelText('Quick Access search')
    await userEvent.type(box, 'lab')
    // The empty query went first; every key typed while it was out waits, and only "lab" is sent next.
    expect(vi.mocked(api.page).mock.calls.map(([f]) => f.query)).toEqual([''])
    pending[0]()
    await vi.waitFor(() => expect(vi.mocked(api.page).mock.calls.map(([f]) => f.query)).toEqual(['', 'lab']))
    expect(screen.queryByRole('option', { name: /GitHub/ })).not.toBeInTheDocument() // the answer to "" was stale
    pending[1]()
    expect(await screen.findByRole('option', { name: /GitLab/ })).toBeInTheDocument()
    expect(screen.queryByRole('option', { name: /GitHub/ })).not.toBeInTheDocument()
  })
})
