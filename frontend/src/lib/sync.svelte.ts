// The sync status the Sync button and the Cloud Sync tab show. The Go side
// pushes updates as sync:status events; events.ts delivers them to update().
import * as api from './api'
import type { SyncInfo } from './types'

export const noSync: SyncInfo = {
  mode: 'none',
  folder: '',
  configured: false,
  autoSync: true,
  icloudAvailable: false,
  icloudReason: '',
  icloudWhere: '',
  state: 'off',
  message: '',
  hint: '',
  lastSync: '',
  existing: false,
  ignored: 0,
  waiting: false,
  seq: 0,
  cleanedUp: '',
}

export class SyncStore {
  info = $state<SyncInfo>({ ...noSync })

  async load() {
    this.update(await api.syncInfo())
  }

  // The newest engine status seen: events may arrive out of order (the
  // dev server sends each on its own), and a stale "Syncing…" must not
  // outlive the "Synced" that followed it.
  private seq = 0

  update(info: SyncInfo) {
    if (info.seq && info.seq < this.seq) return
    this.seq = Math.max(this.seq, info.seq ?? 0)
    this.info = info
  }

  async syncNow() {
    this.info = { ...this.info, state: 'syncing', message: 'Syncing…' }
    this.update(await api.syncNow())
  }
}

export const sync = new SyncStore()
