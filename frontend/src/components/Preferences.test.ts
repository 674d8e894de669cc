import { cleanup, render, screen, waitFor } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../lib/api'
import { defaultPreferences, prefs } from '../lib/prefs.svelte'
import { sync } from '../lib/sync.svelte'
import { syncOff } from '../test/fakeApi'
import Preferences from './Preferences.svelte'

vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())

const folderSync = {
  ...syncOff,
  mode: 'folder' as const,
  folder: '/shared/vault',
  configured: true,
  state: 'idle',
  message: 'In sync.',
  autoSync: true,
}

describe('Preferences', () => {
  afterEach(() => cleanup())

  beforeEach(() => {
    vi.clearAllMocks()
    prefs.values = { ...defaultPreferences }
    prefs.platform = { os: 'linux', dockSetting: false }
    sync.update(syncOff)
  })

  it('saves General settings on OK, and not on Cancel', async () => {
    const onclose = vi.fn()
    const { unmount } = render(Preferences, { onclose })
    expect(screen.getByRole('tab', { name: 'General' })).toHaveAttribute('aria-selected', 'true')
    expect(screen.queryByLabelText(/Dock/)).not.toBeInTheDocument()
    await userEvent.selectOptions(screen.getByLabelText('Clear clipboard after:'), '60')
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(api.savePreferences).not.toHaveBeenCalled()
    unmount()

    render(Preferences, { onclose })
    await userEvent.selectOptions(screen.getByLabelText('Lock when idle for:'), '600')
    await userEvent.click(screen.getByLabelText('Open Vaultbar at login'))
    await userEvent.click(screen.getByRole('button', { name: 'OK' }))
    expect(api.savePreferences).toHaveBeenCalledWith({ ...defaultPreferences, idleLockSeconds: 600, openAtLogin: true })
    expect(onclose).toHaveBeenCalled()
  })

  it('has lock on sleep and screen lock on by default, and turns it off', async () => {
    const onclose = vi.fn()
    render(Preferences, { onclose })
    const box = screen.getByLabelText('Lock when the computer sleeps or the screen locks')
    expect(box).toBeChecked()
    await userEvent.click(box)
    await userEvent.click(screen.getByRole('button', { name: 'OK' }))
    expect(api.savePreferences).toHaveBeenCalledWith({ ...defaultPreferences, lockWhenAway: false })
  })

  it('offers Show in Dock on macOS', () => {
    prefs.platform = { os: 'darwin', dockSetting: true }
    render(Preferences, { onclose: () => {} })
    expect(screen.getByLabelText('Show Vaultbar in the Dock')).toBeInTheDocument()
  })

  it('changes the login password on the Security tab', async () => {
    render(Preferences, { onclose: () => {} })
    await userEvent.click(screen.getByRole('tab', { name: 'Security' }))
    await userEvent.type(screen.getByLabelText('Current password:'), 'old one')
    await userEvent.type(screen.getByLabelText('New password:'), 'a much longer one')
    await userEvent.type(screen.getByLabelText('Confirm new password:'), 'a much longer one')
    const button = screen.getByRole('button', { name: 'Change Password' })
    await waitFor(() => expect(button).toBeEnabled())
    await userEvent.click(button)
    expect(api.changePassword).toHaveBeenCalledWith('old one', 'a much longer one')
    expect(await screen.findByRole('status')).toHaveTextContent('was changed')
  })

  it('turns auto-sync off only on OK', async () => {
    sync.update(folderSync)
    vi.mocked(api.setAutoSync).mockResolvedValue({ ...folderSync, autoSync: false })
    render(Preferences, { onclose: () => {}, initialTab: 'sync' })
    const box = screen.getByLabelText('Auto-sync')
    expect(box).toBeChecked()
    await userEvent.click(box)
    expect(api.setAutoSync).not.toHaveBeenCalled()
    await userEvent.click(screen.getByRole('button', { name: 'OK' }))
    expect(api.setAutoSync).toHaveBeenCalledWith(false)
  })

  it('turns sync off on OK after No sync is chosen', async () => {
    sync.update(folderSync)
    render(Preferences, { onclose: () => {}, initialTab: 'sync' })
    await userEvent.selectOptions(screen.getByLabelText('Cloud Sync:'), 'none')
    expect(screen.getByText(/Sync stops on this device when you click OK/)).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'OK' }))
    expect(api.disableSync).toHaveBeenCalled()
  })
})
