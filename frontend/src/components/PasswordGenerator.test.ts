import { cleanup, render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../lib/api'
import type { Generated } from '../lib/types'
import PasswordGenerator from './PasswordGenerator.svelte'

vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())

function deferred() {
  let resolve!: (g: Generated) => void
  const promise = new Promise<Generated>((r) => (resolve = r))
  return { promise, resolve }
}

const answer = (password: string) => ({ password, strength: { score: 4, label: 'Very strong', bits: 120 } }) as unknown as Generated

describe('PasswordGenerator', () => {
  afterEach(() => cleanup())
  beforeEach(() => vi.clearAllMocks())

  it('shows the answer to the latest request even when an older one arrives last', async () => {
    const first = deferred()
    const second = deferred()
    vi.mocked(api.generate).mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise)
    const onuse = vi.fn()
    render(PasswordGenerator, { onuse, onclose: () => {} })
    await vi.waitFor(() => expect(api.generate).toHaveBeenCalledTimes(1))
    await userEvent.click(screen.getByRole('button', { name: 'Generate another' }))
    await vi.waitFor(() => expect(api.generate).toHaveBeenCalledTimes(2))
    second.resolve(answer('newer-password'))
    await screen.findByText('newer-password')
    first.resolve(answer('older-password'))
    await new Promise((r) => setTimeout(r, 20))
    expect(screen.getByTestId('generated')).toHaveTextContent('newer-password')
    await userEvent.click(screen.getByRole('button', { name: 'Use Password' }))
    expect(onuse).toHaveBeenCalledWith('newer-password')
  })
})
