import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../lib/api'
import { notice } from '../lib/notice.svelte'
import { vault } from '../lib/vault.svelte'
import { github, groups } from '../test/fakeApi'
import type { VaultRecord } from '../lib/types'
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
    expect(api.reveal).not.toHaveBeenCalled()
    await userEvent.click(within(pw).getByRole('button', { name: 'Reveal Password' }))
    expect(api.reveal).toHaveBeenCalledWith('r1', 'password')
    expect(pw).toHaveTextContent('hunter2-long')
    await userEvent.click(within(pw).getByRole('button', { name: 'Hide Password' }))
    expect(pw).not.toHaveTextContent('hunter2-long')

    await userEvent.click(within(pw).getByRole('button', { name: 'Copy Password' }))
    expect(api.copyField).toHaveBeenCalledWith('r1', 'password') // copied in Go: the page never had it
    expect(api.copy).not.toHaveBeenCalled()
    expect(notice.text).toBe('Password copied; the clipboard clears in 30 s')

    await userEvent.click(screen.getByRole('button', { name: 'Copy Username' }))
    expect(api.copyField).toHaveBeenLastCalledWith('r1', 'username')
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
      { key: 'f/password', label: 'Password', value: '', concealed: true, time: '2024-01-01T00:00:00Z', stamp },
    ])
    await vault.open('r1')
    render(RecordDetails, { onedit: () => {} })
    await userEvent.click(screen.getByRole('button', { name: /Earlier Versions \(1\)/ }))
    const list = screen.getByRole('list', { name: 'Earlier versions' })
    expect(list).not.toHaveTextContent('old-secret')
    await userEvent.click(within(list).getByRole('button', { name: 'Reveal earlier Password' }))
    expect(api.revealVersion).toHaveBeenCalledWith('r1', 'f/password', stamp)
    expect(list).toHaveTextContent('old-secret')
    await userEvent.click(within(list).getByRole('button', { name: 'Restore earlier Password' }))
    expect(api.restoreVersion).toHaveBeenCalledWith('r1', 'f/password', stamp)
  })

  describe('in Deleted Records', () => {
    beforeEach(async () => {
      vault.selection = { kind: 'deleted' }
      vi.clearAllMocks()
      await vault.open('r1')
    })

    it('shows the fields read-only, secrets masked, with reveal and copy', async () => {
      render(RecordDetails, { onedit: () => {} })
      expect(api.deletedRecord).toHaveBeenCalledWith('r1')
      expect(api.history).not.toHaveBeenCalled()
      expect(screen.getByRole('heading', { name: 'GitHub' })).toBeInTheDocument()
      expect(screen.getByText(/in Deleted Records/)).toBeInTheDocument()
      expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument()
      expect(screen.queryByRole('button', { name: /Favourites/ })).not.toBeInTheDocument()
      expect(screen.queryByRole('textbox')).not.toBeInTheDocument()
      const pw = screen.getByRole('group', { name: 'Password' })
      expect(pw).not.toHaveTextContent('hunter2-long')
      await userEvent.click(within(pw).getByRole('button', { name: 'Reveal Password' }))
      expect(api.reveal).toHaveBeenCalledWith('r1', 'password')
      await userEvent.click(within(pw).getByRole('button', { name: 'Copy Password' }))
      expect(api.copyField).toHaveBeenCalledWith('r1', 'password')
    })

    it('restores', async () => {
      render(RecordDetails, { onedit: () => {} })
      await userEvent.click(screen.getByRole('button', { name: 'Restore' }))
      expect(api.restoreRecord).toHaveBeenCalledWith('r1')
      await waitFor(() => expect(notice.text).toBe('“GitHub” restored'))
    })

    it('deletes permanently only after a confirmation that says what it means', async () => {
      render(RecordDetails, { onedit: () => {} })
      await userEvent.click(screen.getByRole('button', { name: 'Delete Permanently…' }))
      const sheet = screen.getByRole('dialog', { name: 'Delete “GitHub” permanently?' })
      expect(sheet).toHaveTextContent(/can't be restored/)
      expect(sheet).toHaveTextContent(/backups/)
      expect(sheet).toHaveTextContent(/other devices/)
      expect(within(sheet).getByRole('button', { name: 'Cancel' })).toHaveFocus()
      await userEvent.click(within(sheet).getByRole('button', { name: 'Cancel' }))
      expect(api.purgeRecord).not.toHaveBeenCalled()

      await userEvent.click(screen.getByRole('button', { name: 'Delete Permanently…' }))
      await userEvent.click(screen.getByRole('button', { name: 'Delete Permanently' }))
      expect(api.purgeRecord).toHaveBeenCalledWith('r1')
      await waitFor(() => expect(notice.text).toBe('“GitHub” deleted permanently'))
      expect(vault.selectedId).toBeNull()
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    })
  })

  describe('one-time password', () => {
    const withOTP: VaultRecord = {
      ...github,
      fields: [...(github.fields ?? []), { id: 'otp', label: 'One-Time Password', kind: 'otp', value: '', hidden: true }],
    }

    beforeEach(async () => {
      vi.mocked(api.record).mockResolvedValue(withOTP)
      await vault.open('r1')
    })

    afterEach(() => {
      vi.mocked(api.record).mockResolvedValue(github)
      vi.mocked(api.oneTimeCode).mockResolvedValue({ code: '123456', remaining: 17, period: 30 })
    })

    it('shows the current code with a countdown, refreshes it, and copies the code', async () => {
      const { unmount } = render(RecordDetails, { onedit: () => {} })
      const row = screen.getByRole('group', { name: 'One-Time Password' })
      await waitFor(() => expect(row).toHaveTextContent('123 456'))
      expect(within(row).getByLabelText('17 seconds left')).toBeInTheDocument()
      expect(row).not.toHaveTextContent('JBSWY3DPEHPK3PXP')
      expect(api.oneTimeCode).toHaveBeenCalledWith('r1', 'otp')

      vi.mocked(api.oneTimeCode).mockResolvedValue({ code: '654321', remaining: 30, period: 30 })
      await waitFor(() => expect(row).toHaveTextContent('654 321'), { timeout: 2500 })
      expect(within(row).getByLabelText('30 seconds left')).toBeInTheDocument()

      await userEvent.click(within(row).getByRole('button', { name: 'Copy One-Time Password' }))
      expect(api.copyField).toHaveBeenLastCalledWith('r1', 'otp') // Go copies the current code
      expect(notice.text).toBe('One-Time Password copied; the clipboard clears in 30 s')

      unmount()
      const calls = vi.mocked(api.oneTimeCode).mock.calls.length
      await new Promise((r) => setTimeout(r, 1200))
      expect(vi.mocked(api.oneTimeCode).mock.calls.length).toBe(calls)
    })

    it('says why when the secret is not valid', async () => {
      vi.mocked(api.oneTimeCode).mockRejectedValue(
        new Error('The one-time password secret is not valid base32 (letters A-Z and digits 2-7).'),
      )
      render(RecordDetails, { onedit: () => {} })
      const row = screen.getByRole('group', { name: 'One-Time Password' })
      await waitFor(() => expect(row).toHaveTextContent('The one-time password secret is not valid base32'))
      expect(within(row).getByRole('button', { name: 'Copy One-Time Password' })).toBeDisabled()
    })
  })
})
