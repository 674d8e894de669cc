// The list as a fast typist and a sidebar click meet it: answers come back
// when the test says, so every interleaving is exercised without a timer.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from './api'
import type { Filter, Page, Summary } from './types'
import { vault } from './vault.svelte'

vi.mock('./api', async () => (await import('../test/fakeApi')).fakeApi())

const row = (id: string, name: string): Summary => ({ id, name, type: 'login', subtitle: '', favorite: false })
const all = [row('r1', 'GitHub'), row('r2', 'GitLab'), row('r3', 'Netflix')]
const deleted = [row('d1', 'Old Bank')]

// Each api.page call waits until the test answers it, with what the filter selects.
let calls: { f: Filter; id: string; release: () => void }[] = []
function pageOf(f: Filter, id: string): Page {
  const rows = f.deleted ? deleted : all.filter((r) => r.name.toLowerCase().includes((f.query ?? '').toLowerCase()))
  return { total: rows.length, offset: 0, items: rows, at: rows.findIndex((r) => r.id === id) }
}
async function answer(i: number) {
  calls[i].release()
  await new Promise((r) => setTimeout(r)) // let the store apply it
}

describe('vault list', { timeout: 30_000 }, () => {
  beforeEach(async () => {
    vi.clearAllMocks()
    vault.clear()
    calls = []
    vi.mocked(api.page).mockImplementation(async (f: Filter, _o: number, _l: number, id = '') => {
      await new Promise<void>((release) => calls.push({ f, id, release }))
      return pageOf(f, id)
    })
    vi.mocked(api.record).mockImplementation(async (id) => ({ ...(await import('../test/fakeApi')).github, id }))
  })
  afterEach(() => vi.mocked(api.page).mockReset())

  const names = () => vault.rowAt(0) && [...Array(vault.total).keys()].map((i) => vault.rowAt(i)?.name)

  it('a fast typist: one request in flight, then only the last query; the earlier answer never shows', async () => {
    const loading = vault.refreshList()
    await answer(0)
    await loading
    vault.search('n')
    vault.search('ne')
    vault.search('git')
    expect(calls.map((c) => c.f.query)).toEqual(['', 'n']) // "ne" and "git" wait for "n"'s answer
    await answer(1)
    // "n" answered after "git" was typed: its rows are stale and never shown.
    expect(names()).toEqual(['GitHub', 'GitLab', 'Netflix'])
    expect(calls.map((c) => c.f.query)).toEqual(['', 'n', 'git'])
    await answer(2)
    expect(names()).toEqual(['GitHub', 'GitLab'])
    expect(vault.total).toBe(2)
  })

  it('an answer to an older request never overwrites a newer one', async () => {
    const loading = vault.refreshList()
    await answer(0)
    await loading
    vault.search('net')
    vault.search('')
    await answer(1) // "net": stale by now
    expect(vault.total).toBe(3)
    await answer(2)
    expect(names()).toEqual(['GitHub', 'GitLab', 'Netflix'])
    expect(vault.query).toBe('')
  })

  it('one round trip per key: the page says whether the selected record is still a result', async () => {
    const loading = vault.refreshList()
    await answer(0)
    await loading
    await vault.open('r2')
    vault.search('gitl')
    await answer(1)
    expect(calls[1].id).toBe('r2')
    expect(api.page).toHaveBeenCalledTimes(2)
    expect(api.indexOf).not.toHaveBeenCalled()
    expect(vault.selectedId).toBe('r2')
  })

  it('a new listing never shows the old listing’s rows, nor a record it can’t hold', async () => {
    const loading = vault.refreshList()
    await answer(0)
    await loading
    await vault.open('r3')
    expect(vault.record?.id).toBe('r3')
    const switching = vault.select({ kind: 'deleted' })
    // Deleted Records is loading: none of All Records' rows, no live record in the details.
    expect(vault.loaded).toBe(false)
    expect(vault.rowAt(0)).toBeUndefined()
    expect(vault.total).toBe(0)
    expect(vault.record).toBeNull()
    expect(vault.selectedId).toBeNull()
    await answer(1)
    await switching
    expect(names()).toEqual(['Old Bank'])
    expect(vault.selectedId).toBe('d1')
  })

  it('a search that leaves the selected record out drops it from the details with the rows', async () => {
    const loading = vault.refreshList()
    await answer(0)
    await loading
    await vault.open('r3')
    vi.mocked(api.record).mockImplementation(() => new Promise(() => {})) // the next record never arrives
    vault.search('git')
    await answer(1)
    const recordWhenRowsChanged = vault.record?.id
    expect(names()).toEqual(['GitHub', 'GitLab'])
    expect(recordWhenRowsChanged).toBeUndefined()
    expect(vault.selectedId).toBe('r1')
  })
})
