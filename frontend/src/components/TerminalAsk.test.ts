import { cleanup, render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import TerminalAsk from './TerminalAsk.svelte'

describe('TerminalAsk', () => {
  afterEach(() => cleanup())
  const ask = { id: '7', command: 'vaultbar ls' }

  it('names the command and allows it', async () => {
    const onanswer = vi.fn().mockResolvedValue(undefined)
    render(TerminalAsk, { ask, onanswer })
    expect(screen.getByRole('dialog', { name: 'Allow the terminal to use Vaultbar for 10 minutes?' })).toBeInTheDocument()
    expect(screen.getByText('vaultbar ls')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Allow' }))
    expect(onanswer).toHaveBeenCalledWith(true)
  })

  it('denies on Deny and on Escape, Deny having the focus', async () => {
    const onanswer = vi.fn().mockResolvedValue(undefined)
    render(TerminalAsk, { ask, onanswer })
    expect(screen.getByRole('button', { name: 'Deny' })).toHaveFocus()
    await userEvent.keyboard('{Escape}')
    expect(onanswer).toHaveBeenCalledWith(false)
    await userEvent.click(screen.getByRole('button', { name: 'Deny' }))
    expect(onanswer).toHaveBeenLastCalledWith(false)
  })

  it('says why an answer failed', async () => {
    const onanswer = vi.fn().mockRejectedValue(new Error("The terminal's request is no longer waiting.\nhint: Run the command again."))
    render(TerminalAsk, { ask, onanswer })
    await userEvent.click(screen.getByRole('button', { name: 'Allow' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('no longer waiting')
  })
})
