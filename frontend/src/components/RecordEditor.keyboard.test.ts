import { cleanup, render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { vault } from '../lib/vault.svelte'
import { cardType, groups, loginType } from '../test/fakeApi'
import RecordEditor from './RecordEditor.svelte'

vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())

describe('RecordEditor details', { timeout: 30_000 }, () => {
  afterEach(() => cleanup())
  beforeEach(() => {
    vault.clear()
    vault.types = [cardType, loginType]
    vault.groups = groups
  })

  it('the group check boxes are one Tab stop, moved through with the arrow keys', async () => {
    render(RecordEditor, { initialType: 'login', onsaved: vi.fn(), onclose: vi.fn() })
    screen.getByLabelText('Business').focus()
    await userEvent.tab()
    expect(screen.getByLabelText('Favourite')).toHaveFocus()
    await userEvent.tab({ shift: true })
    expect(screen.getByLabelText('Business')).toHaveFocus()
    await userEvent.keyboard('{ArrowRight}')
    expect(screen.getByLabelText('Personal')).toHaveFocus()
    await userEvent.keyboard(' ')
    expect(screen.getByLabelText('Personal')).toBeChecked()
  })

  it('offers the generator for a password, not for a card number', async () => {
    render(RecordEditor, { initialType: 'login', onsaved: vi.fn(), onclose: vi.fn() })
    expect(screen.getByRole('button', { name: 'Generate Password' })).toBeInTheDocument()
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'credit-card')
    expect(screen.queryByRole('button', { name: 'Generate Card Number' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Show Card Number' })).toBeInTheDocument()
  })

  it('offers no generator for issued numbers and keys, whatever the type', async () => {
    vault.types = [
      {
        id: 'bank',
        name: 'Bank',
        builtin: false,
        fields: [
          { id: 'account', label: 'Account Number', kind: 'secret' },
          { id: 'iban', label: 'IBAN', kind: 'secret' },
          { id: 'f1', label: 'Member Number', kind: 'secret' },
          { id: 'f2', label: 'API Token', kind: 'secret' },
        ],
      },
    ]
    render(RecordEditor, { initialType: 'bank', onsaved: vi.fn(), onclose: vi.fn() })
    for (const label of ['Account Number', 'IBAN', 'Member Number']) {
      expect(screen.queryByRole('button', { name: `Generate ${label}` })).not.toBeInTheDocument()
      expect(screen.getByRole('button', { name: `Show ${label}` })).toBeInTheDocument()
    }
    expect(screen.getByRole('button', { name: 'Generate API Token' })).toBeInTheDocument()
  })
})
