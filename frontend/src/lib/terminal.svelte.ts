// The vaultbar command's requests waiting for Allow or Deny (app_hub.go).
// Go keeps the truth; this mirrors it from the events and, at load, from
// Pending, so a request made before the page loaded still shows.
import * as api from './api'
import type { TerminalAsk } from './types'

class Terminal {
  asks = $state<TerminalAsk[]>([])

  async load() {
    this.asks = await api.terminalAsks()
  }

  add(a: TerminalAsk) {
    if (!this.asks.some((x) => x.id === a.id)) this.asks = [...this.asks, a]
  }

  remove(id: string) {
    this.asks = this.asks.filter((x) => x.id !== id)
  }

  async answer(id: string, allow: boolean) {
    this.remove(id)
    await api.answerTerminal(id, allow)
  }
}

export const terminal = new Terminal()
