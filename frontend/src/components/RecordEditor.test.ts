import { cleanup, render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../lib/api'
import { vault } from '../lib/vault.svelte'
import { cardType, github, groups, loginType } from '../test/fakeApi'
import RecordEditor from './RecordEditor.svelte'

vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())

describe('RecordEditor', () => {
  afterEach(() => cleanup())

  beforeEach(() => {
    vi.clearAllMocks()
    vault.clear()
    vault.types = [cardType, loginType]
    vault.groups = groups
  })

  it("follows the type's fields and adds a record", async () => {
    const onsaved = vi.fn()
    render(RecordEditor, { initialType: 'login', onsaved, onclose: () => {} })
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password')
    await userEvent.type(screen.getByLabelText('Name'), 'Example')
    await userEvent.type(screen.getByLabelText('Username'), 'me')
    await userEvent.type(screen.getByLabelText('Website'), 'not a url')
    expect(screen.getByText(/Enter a web address/)).toBeInTheDocument()
    await userEvent.clear(screen.getByLabelText('Website'))
    await userEvent.type(screen.getByLabelText('Website'), 'https://example.com')
    await userEvent.click(screen.getByLabelText('Personal'))
    await userEvent.click(screen.getByRole('button', { name: 'Add Record' }))
    expect(api.addRecord).toHaveBeenCalledWith({
      type: 'login',
      name: 'Example',
      notes: '',
      favorite: false,
      groups: ['personal'],
      fields: { username: 'me', password: '', url: 'https://example.com' },
    })
    expect(onsaved).toHaveBeenCalled()
  })

  it('switches fields with the type and checks dates', async () => {
    render(RecordEditor, { initialType: 'login', onsaved: () => {}, onclose: () => {} })
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'credit-card')
    expect(screen.queryByLabelText('Username')).not.toBeInTheDocument()
    await userEvent.type(screen.getByLabelText('Expiry Date'), '13/27')
    expect(screen.getByText(/Enter a date/)).toBeInTheDocument()
    await userEvent.clear(screen.getByLabelText('Expiry Date'))
    await userEvent.type(screen.getByLabelText('Expiry Date'), '12/27')
    expect(screen.queryByText(/Enter a date/)).not.toBeInTheDocument()
  })

  it('fills a password from the generator', async () => {
    render(RecordEditor, { initialType: 'login', onsaved: () => {}, onclose: () => {} })
    await userEvent.click(screen.getByRole('button', { name: 'Generate Password' }))
    expect(await screen.findByTestId('generated')).toHaveTextContent('Gen3rated!Pass')
    expect(screen.getByRole('meter', { name: 'Password strength' })).toHaveAttribute('aria-valuetext', 'Very strong')
    await userEvent.click(screen.getByRole('radio', { name: 'Words' }))
    expect(api.generate).toHaveBeenLastCalledWith(expect.objectContaining({ words: 6 }))
    await userEvent.click(screen.getByRole('button', { name: 'Use Password' }))
    expect(screen.getByLabelText('Password')).toHaveValue('Gen3rated!Pass')
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'text')
  })

  it('sends only what changed when editing', async () => {
    render(RecordEditor, { record: github, onsaved: () => {}, onclose: () => {} })
    await userEvent.clear(screen.getByLabelText('Username'))
    await userEvent.type(screen.getByLabelText('Username'), 'monalisa')
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(api.updateRecord).toHaveBeenCalledWith('r1', { fields: { username: 'monalisa' } })
    expect(api.reveal).not.toHaveBeenCalled() // the hidden password stayed in Go
  })

  it('keeps a hidden secret unless replaced, and fetches it only to edit it', async () => {
    render(RecordEditor, { record: github, onsaved: () => {}, onclose: () => {} })
    const pw = screen.getByLabelText('Password')
    expect(pw).toHaveValue('')
    expect(pw).toHaveAttribute('placeholder', 'Set; type to replace, or Show to edit')
    await userEvent.type(pw, 'brand-new-secret')
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(api.updateRecord).toHaveBeenLastCalledWith('r1', { fields: { password: 'brand-new-secret' } })
    expect(api.reveal).not.toHaveBeenCalled()
    cleanup()

    render(RecordEditor, { record: github, onsaved: () => {}, onclose: () => {} })
    await userEvent.click(screen.getByRole('button', { name: 'Show Password' }))
    expect(api.reveal).toHaveBeenCalledWith('r1', 'password')
    expect(screen.getByLabelText('Password')).toHaveValue('hunter2-long')
    await userEvent.clear(screen.getByLabelText('Password'))
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(api.updateRecord).toHaveBeenLastCalledWith('r1', { fields: { password: '' } })
  })
})
