import { cleanup, render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../lib/api'
import ExportSheet from './ExportSheet.svelte'

vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())

describe('ExportSheet', () => {
  afterEach(() => cleanup())
  beforeEach(() => vi.clearAllMocks())

  it('needs the password twice for an encrypted export', async () => {
    render(ExportSheet, { onclose: () => {} })
    await screen.findByRole('option', { name: 'Vaultbar export (encrypted)' })
    await userEvent.type(screen.getByLabelText('Save as:'), '/tmp/all.vbx')
    await userEvent.type(screen.getByLabelText('Export password:'), 'pw one')
    await userEvent.type(screen.getByLabelText('Confirm password:'), 'pw two')
    expect(screen.getByRole('button', { name: 'Export' })).toBeDisabled()
    await userEvent.clear(screen.getByLabelText('Confirm password:'))
    await userEvent.type(screen.getByLabelText('Confirm password:'), 'pw one')
    await userEvent.click(screen.getByRole('button', { name: 'Export' }))
    expect(api.exportVault).toHaveBeenCalledWith('/tmp/all.vbx', 'vaultbar', 'pw one')
    await screen.findByText('Exported to /tmp/all.vbx.')
  })

  it('says a plaintext export is not encrypted and waits for consent', async () => {
    render(ExportSheet, { onclose: () => {} })
    await screen.findByRole('option', { name: 'CSV (not encrypted)' })
    await userEvent.selectOptions(screen.getByLabelText('Format:'), 'csv')
    await userEvent.type(screen.getByLabelText('Save as:'), '/tmp/all.csv')
    expect(screen.getByRole('note')).toHaveTextContent('will not be encrypted')
    expect(screen.getByRole('button', { name: 'Export' })).toBeDisabled()
    await userEvent.click(screen.getByLabelText(/I understand/))
    await userEvent.click(screen.getByRole('button', { name: 'Export' }))
    expect(api.exportVault).toHaveBeenCalledWith('/tmp/all.csv', 'csv', '')
  })
})
