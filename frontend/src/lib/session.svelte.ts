// Whether there is a vault and whether it is open. Locking, from wherever
// it comes, goes through locked(), which drops every record from memory.
import * as api from './api'
import { vault } from './vault.svelte'

export type Phase = 'loading' | 'create' | 'locked' | 'unlocked' | 'unreachable'

export class Session {
  phase = $state<Phase>('loading')
  /** Why the Go side could not be reached, when phase is 'unreachable'. */
  failure = $state('')

  async load() {
    try {
      const s = await api.vaultState()
      this.phase = !s.exists ? 'create' : s.locked ? 'locked' : 'unlocked'
      if (this.phase === 'unlocked') await vault.load()
    } catch (err) {
      this.failure = String(err)
      this.phase = 'unreachable'
    }
  }

  async create(password: string) {
    await api.createVault(password)
    this.phase = 'unlocked'
    await vault.load()
  }

  async unlock(password: string) {
    await api.unlock(password)
    this.phase = 'unlocked'
    await vault.load()
  }

  /**
   * Recovers a damaged vault (which unlocks it) and says what it did. A
   * vault mended in the meantime (the CLI's recover) is only unlocked.
   */
  async recover(password: string) {
    const report = await api.recoverVault(password)
    if (!report.damaged) await api.unlock(password)
    this.phase = 'unlocked'
    await vault.load()
    return report
  }

  /** Locks the vault; the UI drops its secrets first, before Go answers. */
  async lock() {
    this.locked()
    await api.lock()
  }

  /** The vault was locked (here or by the Go side): forget every secret. */
  locked() {
    vault.clear()
    if (this.phase === 'unlocked') this.phase = 'locked'
  }
}

export const session = new Session()
