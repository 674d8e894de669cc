import { cleanup, render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../lib/api'
import type { ImportPreview } from '../lib/types'
import ImportSheet from './ImportSheet.svelte'

vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())
vi.mock('../lib/events', async () => (await import('../test/fakeApi')).fakeEvents())

const preview: ImportPreview = {
  needsPassword: false,
  format: 'KeePass KDBX 4.1 (AES-KDF)',
  encrypted: false,
  preview: {
    format: 'KeePass KDBX 4.1 (AES-KDF)',
    label: 'Imported from KeePass (KDBX) on 2026-12-02',
    total: 5,
    add: 4,
    merge: 0,
    byType: { Login: 2, 'Login (imported)': 2 },
    byGroup: { '': 1, Personal: 2, 'Work / Servers': 1 },
    duplicates: [{ title: 'Bank', existing: 'r1' }],
    unmapped: ['Login (imported): PIN'],
    newTypes: ['Login (imported)'],
    newGroups: null,
    skipped: [{ Title: 'Old mail', Reason: "it is in the source's trash or recycle bin" }],
    warnings: null,
  },
}

describe('ImportSheet', () => {
  afterEach(() => cleanup())
  beforeEach(() => vi.clearAllMocks())

  it('asks for the password, previews, imports and offers to trash a plaintext file', async () => {
    vi.mocked(api.readImport).mockResolvedValueOnce({ ...preview, needsPassword: true }).mockResolvedValueOnce(preview)
    vi.mocked(api.applyImport).mockResolvedValue({ ...preview.preview })
    const ondone = vi.fn()
    render(ImportSheet, { onclose: () => {}, ondone })
    await userEvent.type(screen.getByLabelText('File:'), '/tmp/db.kdbx')
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }))
    await userEvent.type(await screen.findByLabelText('Password of the file:'), 'kp-pass')
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }))
    expect(api.readImport).toHaveBeenLastCalledWith({ path: '/tmp/db.kdbx', format: '', password: 'kp-pass', keyFile: '' })
    const pv = await screen.findByLabelText('Preview')
    expect(pv).toHaveTextContent('Will add 4 records into the group “Imported from KeePass (KDBX) on 2026-12-02”')
    expect(pv).toHaveTextContent('Old mail: it is in the source')
    expect(pv).toHaveTextContent('Login (imported): PIN')
    expect(api.applyImport).not.toHaveBeenCalled()
    await userEvent.selectOptions(screen.getByLabelText('Duplicates'), 'merge')
    await userEvent.click(screen.getByRole('button', { name: 'Import 4 Records' }))
    expect(api.applyImport).toHaveBeenCalledWith('merge')
    await screen.findByText('Imported 4 records.')
    expect(ondone).toHaveBeenCalled()
    await userEvent.click(screen.getByRole('button', { name: 'Move File to Trash' }))
    expect(api.trashFile).toHaveBeenCalledWith('/tmp/db.kdbx')
    await screen.findByText('Moved to the trash.')
  })

  it('shows a bad file as a sentence and a hint, and writes nothing', async () => {
    vi.mocked(api.readImport).mockRejectedValue(new Error('The file to import is damaged or cut short.\nhint: Export it again.'))
    render(ImportSheet, { onclose: () => {} })
    await userEvent.type(screen.getByLabelText('File:'), '/tmp/cut.kdbx')
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('damaged or cut short')
    expect(screen.getByRole('alert')).toHaveTextContent('Export it again.')
    expect(api.applyImport).not.toHaveBeenCalled()
  })
})
