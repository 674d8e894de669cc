import { cleanup, render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../lib/api'
import QuickSearch from './QuickSearch.svelte'

vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())

const summaries = [
  { id: 'r1', name: 'GitHub', type: 'login', subtitle: 'octocat', favorite: false },
  { id: 'r2', name: 'GitLab', type: 'login', subtitle: 'octo', favorite: false },
]

describe('QuickSearch', () => {
  afterEach(() => cleanup())
  beforeEach(() => {
    vi.clearAllMocks()
    vi.mocked(api.list).mockImplementation(async (f) => summaries.filter((s) => s.name.toLowerCase().includes((f.query ?? '').toLowerCase())))
  })

  it('filters as they type and copies the password on Enter', async () => {
    const onclose = vi.fn()
    render(QuickSearch, { onclose })
    const box = screen.getByLabelText('Search records')
    expect(box).toHaveFocus()
    await userEvent.type(box, 'hub')
    expect(await screen.findByRole('option', { name: /GitHub/ })).toHaveAttribute('aria-selected', 'true')
    expect(screen.queryByRole('option', { name: /GitLab/ })).not.toBeInTheDocument()
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(api.copyField).toHaveBeenCalledWith('r1', 'password'))
    expect(onclose).toHaveBeenCalledWith(true)
  })

  it('copies the user name on Shift+Enter and closes on Escape', async () => {
    const onclose = vi.fn()
    render(QuickSearch, { onclose })
    await screen.findByRole('option', { name: /GitHub/ })
    await userEvent.keyboard('{Shift>}{Enter}{/Shift}')
    await vi.waitFor(() => expect(api.copyField).toHaveBeenCalledWith('r1', 'username'))
    await userEvent.keyboard('{Escape}')
    expect(onclose).toHaveBeenLastCalledWith(false)
  })
})
