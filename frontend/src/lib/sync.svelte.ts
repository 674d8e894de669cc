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
  state: 'off',
  message: '',
  hint: '',
  lastSync: '',
  existing: false,
  ignored: 0,
  waiting: false,
  cleanedUp: '',
}

export class SyncStore {
  info = $state<SyncInfo>({ ...noSync })

  async load() {
    this.update(await api.syncInfo())
  }

  update(info: SyncInfo) {
    this.info = info
  }

  async syncNow() {
    this.info = { ...this.info, state: 'syncing', message: 'Syncing…' }
    this.update(await api.syncNow())
  }
}

export const sync = new SyncStore()
