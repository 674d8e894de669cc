import { cleanup, render, screen, waitFor } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../lib/api'
import { notice } from '../lib/notice.svelte'
import { session } from '../lib/session.svelte'
import LockScreen from './LockScreen.svelte'

vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())

describe('LockScreen', () => {
  afterEach(() => cleanup())

  beforeEach(() => {
    vi.clearAllMocks()
    session.phase = 'locked'
  })

  it('creates the vault once the password is typed twice and strong enough', async () => {
    session.phase = 'create'
    render(LockScreen, { mode: 'create' })
    const create = screen.getByRole('button', { name: 'Create Vault' })
    await userEvent.type(screen.getByLabelText('Login password'), 'short')
    expect(await screen.findByText(/Too easy to guess/)).toBeInTheDocument()

    await userEvent.clear(screen.getByLabelText('Login password'))
    await userEvent.type(screen.getByLabelText('Login password'), 'a long passphrase')
    await userEvent.type(screen.getByLabelText('Confirm login password'), 'a long passphrasX')
    expect(screen.getByRole('alert')).toHaveTextContent("don't match")
    expect(create).toBeDisabled()

    await userEvent.type(screen.getByLabelText('Confirm login password'), '{Backspace}e')
    await waitFor(() =>
      expect(screen.getByRole('meter', { name: 'Password strength' })).toHaveAttribute('aria-valuetext', 'Strong'),
    )
    await userEvent.click(create)
    expect(api.createVault).toHaveBeenCalledWith('a long passphrase')
    expect(session.phase).toBe('unlocked')
  })

  it('says the password is wrong, with the hint, and lets them try again', async () => {
    vi.mocked(api.unlock)
      .mockRejectedValueOnce(new Error('The login password is not right.\nhint: Check Caps Lock.'))
      .mockResolvedValueOnce(undefined)
    render(LockScreen, { mode: 'unlock' })
    const field = screen.getByLabelText('Login password')
    await userEvent.type(field, 'wrong{Enter}')
    expect(await screen.findByRole('alert')).toHaveTextContent('The login password is not right.')
    expect(screen.getByRole('alert')).toHaveTextContent('Check Caps Lock.')
    expect(field).toHaveValue('')

    await userEvent.type(field, 'right{Enter}')
    expect(api.unlock).toHaveBeenLastCalledWith('right')
    expect(session.phase).toBe('unlocked')
  })

  it('offers Recover… for a damaged vault, asks with the report, then recovers and unlocks', async () => {
    vi.mocked(api.unlock).mockRejectedValueOnce(
      new Error(
        'The vault file vault.vbj is damaged (bad tag).\nhint: Choose Recover… to rebuild it from every copy that is still intact: 5 records from vault.vbv.',
      ),
    )
    render(LockScreen, { mode: 'unlock' })
    await userEvent.type(screen.getByLabelText('Login password'), 'right{Enter}')
    expect(await screen.findByRole('alert')).toHaveTextContent('is damaged')
    expect(screen.getByRole('alert')).toHaveTextContent('5 records from vault.vbv')
    const open = await screen.findByRole('button', { name: 'Recover…' })
    expect(api.previewRecover).toHaveBeenCalledWith('right')

    await userEvent.click(open)
    const sheet = screen.getByRole('dialog', { name: 'Recover the Vault?' })
    expect(sheet).toHaveTextContent('may be missing: save 1 of vault.vbj (damaged)')
    expect(sheet).toHaveTextContent('Damaged files are kept beside the vault, never deleted.')
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(api.recoverVault).not.toHaveBeenCalled()

    await userEvent.click(screen.getByRole('button', { name: 'Recover…' }))
    await userEvent.click(screen.getByRole('button', { name: 'Recover Vault' }))
    expect(api.recoverVault).toHaveBeenCalledWith('right')
    await waitFor(() => expect(session.phase).toBe('unlocked'))
    expect(notice.text).toContain('Vault recovered: 5 records from vault.vbv')
  })

  it('offers no Recover… when the password is wrong', async () => {
    vi.mocked(api.unlock).mockRejectedValueOnce(new Error('The login password is not right.\nhint: Check Caps Lock.'))
    render(LockScreen, { mode: 'unlock' })
    await userEvent.type(screen.getByLabelText('Login password'), 'wrong{Enter}')
    expect(await screen.findByRole('alert')).toHaveTextContent('not right')
    expect(api.previewRecover).not.toHaveBeenCalled()
    expect(screen.queryByRole('button', { name: 'Recover…' })).not.toBeInTheDocument()
  })

  it('offers no Recover… when no copy opens', async () => {
    vi.mocked(api.unlock).mockRejectedValueOnce(
      new Error('The vault file vault.vbv is damaged.\nhint: No copy of the vault opens with this password.'),
    )
    render(LockScreen, { mode: 'unlock' })
    await userEvent.type(screen.getByLabelText('Login password'), 'pw{Enter}')
    expect(await screen.findByRole('alert')).toHaveTextContent('No copy')
    expect(screen.queryByRole('button', { name: 'Recover…' })).not.toBeInTheDocument()
  })

  it('keeps the sheet open with the reason when recovery fails', async () => {
    vi.mocked(api.unlock).mockRejectedValueOnce(new Error('The vault file is damaged.\nhint: Choose Recover… to rebuild it.'))
    vi.mocked(api.recoverVault).mockRejectedValueOnce(
      new Error("The vault's folder can't be written to.\nhint: Make the folder writable."),
    )
    render(LockScreen, { mode: 'unlock' })
    await userEvent.type(screen.getByLabelText('Login password'), 'right{Enter}')
    await userEvent.click(await screen.findByRole('button', { name: 'Recover…' }))
    await userEvent.click(screen.getByRole('button', { name: 'Recover Vault' }))
    const sheet = screen.getByRole('dialog', { name: 'Recover the Vault?' })
    await waitFor(() => expect(sheet).toHaveTextContent("can't be written to. Make the folder writable."))
    expect(session.phase).toBe('locked')
  })

  it('only unlocks a vault that was mended in the meantime', async () => {
    vi.mocked(api.unlock).mockRejectedValueOnce(new Error('The vault file is damaged.\nhint: Choose Recover… to rebuild it.'))
    vi.mocked(api.recoverVault).mockResolvedValueOnce({
      summary: 'the vault is not damaged',
      damaged: false,
      records: 5,
      sources: [],
      missing: [],
      setAside: [],
    })
    render(LockScreen, { mode: 'unlock' })
    await userEvent.type(screen.getByLabelText('Login password'), 'right{Enter}')
    await userEvent.click(await screen.findByRole('button', { name: 'Recover…' }))
    await userEvent.click(screen.getByRole('button', { name: 'Recover Vault' }))
    await waitFor(() => expect(session.phase).toBe('unlocked'))
    expect(api.unlock).toHaveBeenLastCalledWith('right')
    expect(notice.text).toBe('The vault is no longer damaged: nothing was recovered.')
  })
})
