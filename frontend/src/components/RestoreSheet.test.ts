import { cleanup, render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../lib/api'
import type { RestoreSummary } from '../lib/types'
import BackupsSection from './BackupsSection.svelte'

vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())

const backup = { name: 'vault-20261124-101500.vbv', time: '2026-11-24T10:15:00Z', size: 2048 }
const summary: RestoreSummary = {
  backup: backup.name,
  records: { changed: 2, restored: 1, removed: 3 },
  groups: { changed: 0, restored: 0, removed: 1 },
  types: { changed: 0, restored: 0, removed: 0 },
  purged: 0,
}

describe('Restoring a backup', () => {
  afterEach(() => cleanup())
  beforeEach(() => {
    vi.clearAllMocks()
    vi.mocked(api.backups).mockResolvedValue([backup])
  })

  it('shows the counts before restoring, then restores', async () => {
    vi.mocked(api.previewRestore).mockResolvedValue(summary)
    vi.mocked(api.restoreBackup).mockResolvedValue(summary)
    const user = userEvent.setup()
    render(BackupsSection)
    await user.click(await screen.findByRole('button', { name: `Restore ${backup.name}` }))
    const sheet = screen.getByRole('dialog', { name: 'Restore Backup' })
    await user.type(within(sheet).getByLabelText('Login password:'), 'pw')
    await user.click(within(sheet).getByRole('button', { name: 'Show Changes' }))
    expect(api.previewRestore).toHaveBeenCalledWith(backup.name, 'pw')
    expect(api.restoreBackup).not.toHaveBeenCalled()
    const records = await within(sheet).findByRole('row', { name: /Records/ })
    expect(records).toHaveTextContent('Records213')
    expect(within(sheet).getByRole('row', { name: /Groups/ })).toHaveTextContent('Groups001')
    await user.click(within(sheet).getByRole('button', { name: 'Restore' }))
    expect(api.restoreBackup).toHaveBeenCalledWith(backup.name, 'pw')
    expect(await screen.findByRole('status')).toHaveTextContent(`Restored backup ${backup.name}: 6 records, 1 group and 0 types changed.`)
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('says when there is nothing to restore and a wrong password', async () => {
    const none = { changed: 0, restored: 0, removed: 0 }
    vi.mocked(api.previewRestore)
      .mockRejectedValueOnce(new Error('The login password is not right.\nhint: Check Caps Lock.'))
      .mockResolvedValueOnce({ backup: backup.name, records: none, groups: none, types: none, purged: 2 })
    const user = userEvent.setup()
    render(BackupsSection)
    await user.click(await screen.findByRole('button', { name: `Restore ${backup.name}` }))
    const sheet = screen.getByRole('dialog', { name: 'Restore Backup' })
    await user.type(within(sheet).getByLabelText('Login password:'), 'wrong{Enter}')
    expect(await within(sheet).findByRole('alert')).toHaveTextContent('not right')
    await user.click(within(sheet).getByRole('button', { name: 'Show Changes' }))
    expect(await within(sheet).findByRole('status')).toHaveTextContent('nothing else to restore')
    expect(sheet).toHaveTextContent('2 records deleted permanently since this backup stay deleted.')
    expect(within(sheet).getByRole('button', { name: 'Restore' })).toBeDisabled()
  })
})
