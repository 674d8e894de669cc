// What the main window shows of the open vault: the sidebar's groups,
// types and counts, the record list for the current selection and search,
// and the selected record with its history. clear() drops all of it when
// the vault locks, so no secret stays in the page.
import * as api from './api'
import { Latest } from './latest'
import type { Change, Counts, Filter, Group, HistoryEntry, RecordType, Summary, VaultRecord } from './types'

/** How many summaries one request brings: a few screenfuls. */
export const PAGE = 100

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
  /** How many records the selection and search hold; the list is paged. */
  total = $state(0)
  /** False until the list for the current selection and search has arrived. */
  loaded = $state(false)
  /** The loaded pages of the list, by page number; never the whole vault. */
  pages = $state.raw(new Map<number, Summary[]>())
  selectedId = $state<string | null>(null)
  record = $state<VaultRecord | null>(null)
  history = $state<HistoryEntry[]>([])
  /** The last error from loading, as a sentence for the window to show. */
  problem = $state('')

  // Every request for the list bumps the sequence; an answer that comes
  // back to a newer sequence is stale and never shown.
  #listSeq = 0
  #recordSeq = 0
  // One list request in flight at a time; a key typed meanwhile is sent
  // when its answer arrives (only the newest such key).
  #lists = new Latest()
  // Set by a search or a new listing: once its rows arrive, the selection
  // moves to the first of them if the list no longer holds it.
  #follow = false

  async load() {
    await Promise.all([this.loadSidebar(), this.refreshList()])
  }

  async loadSidebar() {
    const [groups, types, counts] = await Promise.all([api.groups(), api.types(), api.counts()])
    this.groups = groups
    this.types = types
    this.counts = counts
  }

  // The rows the list shows, so a change reloads just their pages.
  #visible = { from: 0, to: PAGE }
  #pending = new Set<number>()

  /** The summary at position i of the list, if its page has arrived. */
  rowAt(i: number): Summary | undefined {
    return this.pages.get(Math.floor(i / PAGE))?.[i % PAGE]
  }

  /** The summaries loaded so far, in list order (the first pages). */
  get records(): Summary[] {
    const out: Summary[] = []
    for (let p = 0; this.pages.has(p); p++) out.push(...this.pages.get(p)!)
    return out
  }

  /** A loaded summary by id (the deleted records have nothing else). */
  summaryOf(id: string | null): Summary | undefined {
    for (const rows of this.pages.values()) {
      const s = rows.find((r) => r.id === id)
      if (s) return s
    }
  }

  /**
   * Reloads the pages of the rows in view (the first page after a new
   * selection or search) and the total. The pages replace each other in
   * one assignment, so a change from sync redraws only the rows in view.
   */
  refreshList(): Promise<void> {
    this.#listSeq++
    return this.#lists.run(() => this.#reload())
  }

  /** Resolves when the list answers every request made so far. */
  listed(): Promise<void> {
    return this.#lists.idle()
  }

  async #reload() {
    const seq = this.#listSeq
    this.#pending.clear()
    const f = filterOf(this.selection, this.query)
    const want = this.#pagesOf(this.#visible.from, this.#visible.to)
    const kept = this.selectedId
    // The first page also says where the selected record is: one round trip.
    const got = await Promise.all(want.map((p, i) => api.page(f, p * PAGE, PAGE, i === 0 ? (kept ?? '') : '')))
    if (seq !== this.#listSeq) return
    const pages = new Map<number, Summary[]>()
    want.forEach((p, i) => pages.set(p, got[i].items))
    this.pages = pages
    this.total = got[0].total
    this.loaded = true
    if (this.#follow) this.#followList(kept, got[0].at)
  }

  // The details pane never shows a record the list does not: when the
  // selected one is filtered out, the first result is selected instead,
  // and the old record goes in the same update as the rows that leave it out.
  #followList(kept: string | null, at: number) {
    this.#follow = false
    if (this.selectedId !== kept || (kept !== null && at >= 0)) return
    const first = this.rowAt(0)?.id ?? null
    if (first === kept) return
    this.record = null
    this.history = []
    this.open(first).catch(() => {})
  }

  /** The list scrolled: loads the pages of rows from..to that are missing. */
  async ensure(from: number, to: number) {
    this.#visible = { from, to }
    const seq = this.#listSeq
    const f = filterOf(this.selection, this.query)
    const missing = this.#pagesOf(from, to).filter((p) => !this.pages.has(p) && !this.#pending.has(p))
    // A reload under way brings the pages in view with the new filter.
    if (this.#lists.busy) return
    await Promise.all(
      missing.map(async (p) => {
        this.#pending.add(p)
        const page = await api.page(f, p * PAGE, PAGE).finally(() => this.#pending.delete(p))
        if (seq !== this.#listSeq) return
        this.pages = new Map(this.pages).set(p, page.items)
        this.total = page.total
      }),
    )
  }

  #pagesOf(from: number, to: number): number[] {
    const first = Math.floor(Math.max(from, 0) / PAGE)
    const last = Math.max(first, Math.floor(Math.max(to - 1, 0) / PAGE))
    return Array.from({ length: last - first + 1 }, (_, i) => first + i)
  }

  /** Where the record is in the current list, or -1 (asks Go beyond the loaded pages). */
  async indexOf(id: string): Promise<number> {
    for (const [p, rows] of this.pages) {
      const i = rows.findIndex((r) => r.id === id)
      if (i >= 0) return p * PAGE + i
    }
    return api.indexOf(filterOf(this.selection, this.query), id)
  }

  /** The summary at i, loading its page if needed. */
  async rowLoaded(i: number): Promise<Summary | undefined> {
    if (!this.rowAt(i)) await this.ensure(i, i + 1)
    return this.rowAt(i)
  }

  /**
   * Shows another listing. Its rows never mix with the old listing's: the
   * list says it is loading until they arrive, and a record that can't be
   * in it (a live one in Deleted Records, or the other way) leaves the
   * details at once.
   */
  select(sel: Selection): Promise<void> {
    if (JSON.stringify(sel) === JSON.stringify(this.selection)) return this.#newList() // the same listing again
    if ((sel.kind === 'deleted') !== (this.selection.kind === 'deleted')) {
      this.#recordSeq++
      this.selectedId = null
      this.record = null
      this.history = []
    }
    this.selection = sel
    this.pages = new Map()
    this.total = 0
    this.loaded = false
    return this.#newList()
  }

  /** Searches as the person types: sent at once, or when the answer in flight arrives. */
  search(query: string): Promise<void> {
    this.query = query
    return this.#newList()
  }

  #newList(): Promise<void> {
    this.#visible = { from: 0, to: PAGE }
    this.#follow = true
    return this.refreshList()
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
      // Shown read-only (RecordDetails); its history is not offered.
      const rec = await api.deletedRecord(id).catch(() => null)
      if (seq !== this.#recordSeq) return
      this.record = rec
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
        (this.selection.kind === 'deleted'
          ? Promise.all([api.deletedRecord(id), [] as HistoryEntry[]])
          : Promise.all([api.record(id), api.history(id)])
        )
          .then(([rec, hist]) => {
            if (this.selectedId !== id) return
            this.record = rec
            this.history = hist
          })
          .catch(() => {
            // Deleted (or restored, or purged) elsewhere: nothing left to show.
            if (this.selectedId === id) this.open(null)
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
    this.#follow = false
    this.groups = []
    this.types = []
    this.counts = {}
    this.selection = { kind: 'all' }
    this.query = ''
    this.total = 0
    this.loaded = false
    this.pages = new Map()
    this.#visible = { from: 0, to: PAGE }
    this.selectedId = null
    this.record = null
    this.history = []
    this.problem = ''
  }
}

export const vault = new VaultStore()
