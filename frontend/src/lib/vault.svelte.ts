// What the main window shows of the open vault: the sidebar's groups,
// types and counts, the record list for the current selection and search,
// and the selected record with its history. clear() drops all of it when
// the vault locks, so no secret stays in the page.
import * as api from './api'
import type { Change, Counts, Filter, Group, HistoryEntry, RecordType, Summary, VaultRecord } from './types'

export type Selection =
  | { kind: 'all' }
  | { kind: 'favorites' }
  | { kind: 'deleted' }
  | { kind: 'group'; id: string }
  | { kind: 'type'; id: string }

export function filterOf(sel: Selection, query: string): Filter {
  const f: Filter = { query }
  if (sel.kind === 'favorites') f.favorites = true
  if (sel.kind === 'deleted') f.deleted = true
  if (sel.kind === 'group') f.group = sel.id
  if (sel.kind === 'type') f.type = sel.id
  return f
}

export class VaultStore {
  groups = $state<Group[]>([])
  types = $state<RecordType[]>([])
  counts = $state<Counts>({})
  selection = $state<Selection>({ kind: 'all' })
  query = $state('')
  records = $state<Summary[]>([])
  selectedId = $state<string | null>(null)
  record = $state<VaultRecord | null>(null)
  history = $state<HistoryEntry[]>([])
  /** The last error from loading, as a sentence for the window to show. */
  problem = $state('')

  // Answers can arrive out of order (typing fast); only the newest counts.
  #listSeq = 0
  #recordSeq = 0

  async load() {
    await Promise.all([this.loadSidebar(), this.refreshList()])
  }

  async loadSidebar() {
    const [groups, types, counts] = await Promise.all([api.groups(), api.types(), api.counts()])
    this.groups = groups
    this.types = types
    this.counts = counts
  }

  async refreshList() {
    const seq = ++this.#listSeq
    const list = await api.list(filterOf(this.selection, this.query))
    if (seq === this.#listSeq) this.records = list
  }

  async select(sel: Selection) {
    this.selection = sel
    await this.refreshList()
  }

  async search(query: string) {
    this.query = query
    await this.refreshList()
  }

  async open(id: string | null) {
    const seq = ++this.#recordSeq
    this.selectedId = id
    if (id === null) {
      this.record = null
      this.history = []
      return
    }
    if (this.selection.kind === 'deleted') {
      // A deleted record has no live view; the list's summary is all there is.
      this.record = null
      this.history = []
      return
    }
    const [rec, hist] = await Promise.all([api.record(id), api.history(id)])
    if (seq !== this.#recordSeq) return
    this.record = rec
    this.history = hist
  }

  /** Reloads what a change touched, from this device or another. */
  async changed(c: Change) {
    if (c.locked) return
    const tasks: Promise<unknown>[] = [this.loadSidebar(), this.refreshList()]
    const id = this.selectedId
    if (id && (c.origin !== 'local' || c.records?.includes(id) || c.types?.length)) {
      tasks.push(
        Promise.all([api.record(id), api.history(id)])
          .then(([rec, hist]) => {
            if (this.selectedId !== id) return
            this.record = rec
            this.history = hist
          })
          .catch(() => {
            // Deleted elsewhere: nothing left to show.
            if (this.selectedId === id && this.selection.kind !== 'deleted') this.open(null)
          }),
      )
    }
    await Promise.all(tasks)
  }

  typeOf(id: string): RecordType | undefined {
    return this.types.find((t) => t.id === id)
  }

  /** Forgets everything, as the vault locks. */
  clear() {
    this.#listSeq++
    this.#recordSeq++
    this.groups = []
    this.types = []
    this.counts = {}
    this.selection = { kind: 'all' }
    this.query = ''
    this.records = []
    this.selectedId = null
    this.record = null
    this.history = []
    this.problem = ''
  }
}

export const vault = new VaultStore()
