import { cleanup, render, screen, waitFor } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../lib/api'
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
})
