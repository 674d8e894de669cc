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
    await userEvent.click(screen.getByRole('button', { name: 'Undo Import' }))
    expect(api.undoImport).toHaveBeenCalledWith('Imported from KeePass (KDBX) on 2026-12-02')
    await screen.findByText(/The import was undone/)
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
  it('maps a generic CSV column by column, reading the preview again after each change', async () => {
    const csv = (cols: { header: string; key: string }[], add: number): ImportPreview => ({
      needsPassword: false,
      format: 'CSV (choose the columns)',
      encrypted: false,
      preview: { ...preview.preview, format: 'CSV', total: 2, add, duplicates: null, skipped: null, unmapped: null, newTypes: null, columns: cols },
    })
    const guessed = [
      { header: 'Name', key: 'title' },
      { header: 'Site', key: 'url' },
      { header: 'Secret', key: '' },
    ]
    vi.mocked(api.readImport)
      .mockResolvedValueOnce(csv(guessed, 1))
      .mockResolvedValueOnce(csv([guessed[0], guessed[1], { header: 'Secret', key: 'password' }], 2))
      .mockResolvedValueOnce(csv([guessed[0], { header: 'Site', key: '' }, { header: 'Secret', key: 'url' }], 2))
    vi.mocked(api.applyImport).mockResolvedValue({ ...preview.preview, add: 2 })
    render(ImportSheet, { onclose: () => {} })
    await userEvent.type(screen.getByLabelText('File:'), '/tmp/other.csv')
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }))
    const secret = (await screen.findByLabelText('Secret')) as HTMLSelectElement
    expect(secret.value).toBe('')
    expect((screen.getByLabelText('Name') as HTMLSelectElement).value).toBe('title')
    expect((screen.getByLabelText('Site') as HTMLSelectElement).value).toBe('url')
    expect(screen.getByLabelText('Columns preview')).toHaveTextContent('2 entries: will add 1 records')
    await userEvent.selectOptions(secret, 'password')
    expect(api.readImport).toHaveBeenLastCalledWith({
      path: '/tmp/other.csv',
      format: 'generic-csv',
      password: '',
      keyFile: '',
      columns: { Name: 'title', Site: 'url', Secret: 'password' },
    })
    expect(await screen.findByLabelText('Columns preview')).toHaveTextContent('will add 2 records')
    // One column per field: giving Secret the website takes it from Site.
    await userEvent.selectOptions(secret, 'url')
    expect(api.readImport).toHaveBeenLastCalledWith(expect.objectContaining({ columns: { Name: 'title', Site: '', Secret: 'url' } }))
    expect((screen.getByLabelText('Site') as HTMLSelectElement).value).toBe('')
    expect(api.applyImport).not.toHaveBeenCalled()
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    const pv = await screen.findByLabelText('Preview')
    expect(pv).toHaveTextContent('Secret → Website')
    await userEvent.click(screen.getByRole('button', { name: 'Import 2 Records' }))
    expect(api.applyImport).toHaveBeenCalledWith('skip')
  })

  it('keeps the column step when a mapping is refused, and says why', async () => {
    vi.mocked(api.readImport)
      .mockResolvedValueOnce({ ...preview, preview: { ...preview.preview, columns: [{ header: 'Name', key: 'title' }] } })
      .mockRejectedValueOnce(new Error("The file's columns are not the ones its format has.\nhint: Map a column."))
    render(ImportSheet, { onclose: () => {} })
    await userEvent.type(screen.getByLabelText('File:'), '/tmp/other.csv')
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }))
    await userEvent.selectOptions(await screen.findByLabelText('Name'), '')
    expect(await screen.findByRole('alert')).toHaveTextContent('Map a column.')
    expect(screen.getByRole('button', { name: 'Continue' })).toBeDisabled()
  })
  it('shows the answer to the latest column change when two come back out of order', async () => {
    const cols = [
      { header: 'Name', key: 'title' },
      { header: 'Secret', key: '' },
    ]
    const with_ = (add: number): ImportPreview => ({ ...preview, preview: { ...preview.preview, total: 3, add, merge: 0, columns: cols } })
    let first: (p: ImportPreview) => void = () => {}
    vi.mocked(api.readImport)
      .mockResolvedValueOnce(with_(1))
      .mockReturnValueOnce(new Promise((r) => (first = r)))
      .mockResolvedValueOnce(with_(3))
    render(ImportSheet, { onclose: () => {} })
    await userEvent.type(screen.getByLabelText('File:'), '/tmp/other.csv')
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }))
    await userEvent.selectOptions(await screen.findByLabelText('Secret'), 'password')
    await userEvent.selectOptions(screen.getByLabelText('Secret'), 'notes')
    expect(await screen.findByLabelText('Columns preview')).toHaveTextContent('will add 3 records')
    first(with_(2))
    await new Promise((r) => setTimeout(r, 0))
    expect(screen.getByLabelText('Columns preview')).toHaveTextContent('will add 3 records')
  })
})
