import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../lib/api'
import { notice } from '../lib/notice.svelte'
import { vault } from '../lib/vault.svelte'
import { github, groups } from '../test/fakeApi'
import RecordDetails from './RecordDetails.svelte'

vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())

describe('RecordDetails', () => {
  afterEach(() => cleanup())

  beforeEach(async () => {
    vi.clearAllMocks()
    vault.clear()
    notice.clear()
    vault.groups = groups
    await vault.open('r1')
  })

  it('masks secrets until revealed and copies any field', async () => {
    render(RecordDetails, { onedit: () => {} })
    expect(screen.getByRole('heading', { name: 'GitHub' })).toBeInTheDocument()
    const pw = screen.getByRole('group', { name: 'Password' })
    expect(pw).not.toHaveTextContent('hunter2-long')
    await userEvent.click(within(pw).getByRole('button', { name: 'Reveal Password' }))
    expect(pw).toHaveTextContent('hunter2-long')

    await userEvent.click(within(pw).getByRole('button', { name: 'Copy Password' }))
    expect(api.copy).toHaveBeenCalledWith('hunter2-long')
    expect(notice.text).toBe('Password copied; the clipboard clears in 30 s')

    await userEvent.click(screen.getByRole('button', { name: 'Copy Username' }))
    expect(api.copy).toHaveBeenLastCalledWith('octocat')
    expect(screen.getByText('Business')).toBeInTheDocument()
  })

  it('opens a web address in the browser', async () => {
    render(RecordDetails, { onedit: () => {} })
    await userEvent.click(screen.getByRole('button', { name: 'Open Website in browser' }))
    expect(api.openURL).toHaveBeenCalledWith('https://github.com')
  })

  it('deletes to Deleted Records', async () => {
    render(RecordDetails, { onedit: () => {} })
    await userEvent.click(screen.getByRole('button', { name: 'Delete Record' }))
    expect(api.deleteRecord).toHaveBeenCalledWith('r1')
    await waitFor(() => expect(notice.text).toMatch(/moved to Deleted Records/))
  })

  it('lists earlier versions, masked when secret, and restores one', async () => {
    const stamp = { Wall: 1700000000000, Count: 0, Dev: 'dev1' }
    vi.mocked(api.history).mockResolvedValue([
      { key: 'f/password', label: 'Password', value: 'old-secret', concealed: true, time: '2024-01-01T00:00:00Z', stamp },
    ])
    await vault.open('r1')
    render(RecordDetails, { onedit: () => {} })
    await userEvent.click(screen.getByRole('button', { name: /Earlier Versions \(1\)/ }))
    const list = screen.getByRole('list', { name: 'Earlier versions' })
    expect(list).not.toHaveTextContent('old-secret')
    await userEvent.click(within(list).getByRole('button', { name: 'Reveal earlier Password' }))
    expect(list).toHaveTextContent('old-secret')
    await userEvent.click(within(list).getByRole('button', { name: 'Restore earlier Password' }))
    expect(api.restoreVersion).toHaveBeenCalledWith('r1', 'f/password', stamp)
  })
})
