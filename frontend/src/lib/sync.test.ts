import { describe, expect, it, vi } from 'vitest'
import { noSync, SyncStore } from './sync.svelte'

vi.mock('./api', async () => (await import('../test/fakeApi')).fakeApi())

describe('SyncStore', () => {
  it('drops a status older than one it showed', () => {
    const s = new SyncStore()
    s.update({ ...noSync, state: 'idle', message: 'Synced.', seq: 7 })
    s.update({ ...noSync, state: 'syncing', message: 'Syncing…', seq: 6 })
    expect(s.info.message).toBe('Synced.')
    s.update({ ...noSync, state: 'off', message: 'Sync is off.', seq: 0 })
    expect(s.info.message).toBe('Sync is off.')
    s.update({ ...noSync, state: 'syncing', message: 'Syncing…', seq: 5 })
    expect(s.info.message).toBe('Sync is off.')
  })
})
