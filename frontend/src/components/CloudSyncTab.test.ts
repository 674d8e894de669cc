import { cleanup, render, screen, waitFor } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../lib/api'
import { sync } from '../lib/sync.svelte'
import type { SyncMode } from '../lib/types'
import { syncOff } from '../test/fakeApi'
import CloudSyncTab from './CloudSyncTab.svelte'

vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())

const configured = {
  ...syncOff,
  mode: 'folder' as const,
  folder: '/shared/vault',
  configured: true,
  state: 'idle',
  message: 'In sync.',
}

function pending(mode: SyncMode = 'none') {
  return { mode, autoSync: true }
}

describe('CloudSyncTab', () => {
  afterEach(() => cleanup())

  beforeEach(() => {
    vi.clearAllMocks()
    sync.update(syncOff)
  })

  it('offers the three choices', () => {
    render(CloudSyncTab, { pending: pending() })
    const options = Array.from((screen.getByLabelText('Cloud Sync:') as HTMLSelectElement).options).map((o) => o.text)
    expect(options).toEqual(['No sync', 'Sync with iCloud', 'Sync with a folder'])
  })

  it('says why iCloud is unavailable', async () => {
    render(CloudSyncTab, { pending: pending() })
    await userEvent.selectOptions(screen.getByLabelText('Cloud Sync:'), 'icloud')
    expect(screen.getByRole('note')).toHaveTextContent('iCloud is not available')
    expect(screen.getByRole('note')).toHaveTextContent('iCloud Drive is not available on this computer.')
  })

  it('says which iCloud folder is used and why', async () => {
    const why = "Syncs in Vaultbar's own iCloud container, which iCloud Drive shows as Vaultbar."
    sync.update({ ...syncOff, icloudAvailable: true, icloudReason: '', icloudWhere: why })
    render(CloudSyncTab, { pending: pending() })
    expect(screen.queryByTestId('icloud-where')).not.toBeInTheDocument()
    await userEvent.selectOptions(screen.getByLabelText('Cloud Sync:'), 'icloud')
    expect(screen.getByTestId('icloud-where')).toHaveTextContent(why)
    await userEvent.selectOptions(screen.getByLabelText('Cloud Sync:'), 'folder')
    expect(screen.queryByTestId('icloud-where')).not.toBeInTheDocument()
  })

  it('sets a new cloud sync password on the first device', async () => {
    vi.mocked(api.setupSync).mockResolvedValue(configured)
    render(CloudSyncTab, { pending: pending() })
    await userEvent.selectOptions(screen.getByLabelText('Cloud Sync:'), 'folder')
    await userEvent.type(screen.getByLabelText('Folder:'), '/shared/vault')
    expect(await screen.findByRole('heading', { name: 'Set New Cloud Sync Password' })).toBeInTheDocument()
    expect(api.probeSync).toHaveBeenCalledWith('folder', '/shared/vault')
    await userEvent.type(screen.getByLabelText('Cloud sync password:'), 'correct horse battery')
    await userEvent.type(screen.getByLabelText('Confirm:'), 'correct horse battery')
    const set = screen.getByRole('button', { name: 'Set' })
    await waitFor(() => expect(set).toBeEnabled())
    await userEvent.click(set)
    expect(api.setupSync).toHaveBeenCalledWith('folder', '/shared/vault', 'correct horse battery')
    expect(await screen.findByRole('button', { name: 'Change Password' })).toBeInTheDocument()
    expect(screen.getByLabelText('Auto-sync')).toBeChecked()
  })

  it('asks for the existing password on a later device', async () => {
    vi.mocked(api.probeSync).mockResolvedValue({ ...syncOff, existing: true })
    vi.mocked(api.setupSync).mockResolvedValue(configured)
    render(CloudSyncTab, { pending: pending() })
    await userEvent.selectOptions(screen.getByLabelText('Cloud Sync:'), 'folder')
    await userEvent.type(screen.getByLabelText('Folder:'), '/shared/vault')
    expect(await screen.findByRole('heading', { name: 'Set Existing Cloud Sync Password' })).toBeInTheDocument()
    expect(screen.queryByLabelText('Confirm:')).not.toBeInTheDocument()
    await userEvent.type(screen.getByLabelText('Cloud sync password:'), 'the one from before{Enter}')
    expect(api.setupSync).toHaveBeenCalledWith('folder', '/shared/vault', 'the one from before')
  })

  it('shows the password behind <click to show> and changes it', async () => {
    sync.update(configured)
    vi.mocked(api.changeSyncPassword).mockResolvedValue(configured)
    render(CloudSyncTab, { pending: pending('folder') })
    expect(screen.getByText('/shared/vault')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: '<click to show>' }))
    expect(await screen.findByTestId('sync-password')).toHaveTextContent('cloud-secret-123')

    await userEvent.click(screen.getByRole('button', { name: 'Change Password' }))
    await userEvent.type(screen.getByLabelText('New password:'), 'another long password')
    await userEvent.type(screen.getByLabelText('Confirm:'), 'another long password')
    const set = screen.getByRole('button', { name: 'Set' })
    await waitFor(() => expect(set).toBeEnabled())
    await userEvent.click(set)
    expect(api.changeSyncPassword).toHaveBeenCalledWith('another long password')
    expect(await screen.findByRole('button', { name: 'Change Password' })).toBeInTheDocument()
  })

  it('asks for the new password when another device changed it', async () => {
    sync.update({ ...configured, state: 'needs-password', message: 'The cloud sync password was changed on another device.' })
    vi.mocked(api.enterSyncPassword).mockResolvedValue(configured)
    render(CloudSyncTab, { pending: pending('folder') })
    await userEvent.type(screen.getByLabelText('Cloud sync password:'), 'changed elsewhere{Enter}')
    expect(api.enterSyncPassword).toHaveBeenCalledWith('changed elsewhere')
  })

  it('counts ignored files and cleans them up', async () => {
    sync.update({ ...configured, ignored: 3, message: 'Synced with the sync folder at 10:00, with 3 files ignored.' })
    vi.mocked(api.cleanUpSync).mockResolvedValue({
      ...configured,
      cleanedUp: 'Moved 3 files to /shared/Vaultbar-ignored-2026-12-02. Nothing was deleted.',
    })
    render(CloudSyncTab, { pending: pending('folder') })
    expect(screen.getByTestId('sync-ignored')).toHaveTextContent('3 files in the sync folder were not written by any device of yours')
    await userEvent.click(screen.getByRole('button', { name: 'Clean Up' }))
    expect(api.cleanUpSync).toHaveBeenCalled()
    expect(await screen.findByRole('status')).toHaveTextContent('Moved 3 files to /shared/Vaultbar-ignored-2026-12-02')
    expect(screen.queryByRole('button', { name: 'Clean Up' })).not.toBeInTheDocument()
  })

  it('offers no Clean Up when nothing is ignored', () => {
    sync.update(configured)
    render(CloudSyncTab, { pending: pending('folder') })
    expect(screen.queryByRole('button', { name: 'Clean Up' })).not.toBeInTheDocument()
  })
})
