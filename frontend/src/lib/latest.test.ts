import { describe, expect, it } from 'vitest'
import { Latest } from './latest'

// A request whose answer the test releases.
function deferred() {
  let resolve!: () => void
  let reject!: (e: unknown) => void
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

describe('Latest', () => {
  it('sends at once when nothing is in flight, and only the newest of what waits', async () => {
    const latest = new Latest()
    const sent: string[] = []
    const answers = new Map<string, ReturnType<typeof deferred>>()
    const ask = (q: string) => () => {
      sent.push(q)
      answers.set(q, deferred())
      return answers.get(q)!.promise
    }
    const g = latest.run(ask('g'))
    expect(sent).toEqual(['g'])
    const gi = latest.run(ask('gi'))
    const git = latest.run(ask('git'))
    expect(sent).toEqual(['g']) // one in flight; the others wait for its answer
    expect(latest.busy).toBe(true)
    answers.get('g')!.resolve()
    await g
    expect(sent).toEqual(['g', 'git']) // "gi" was replaced while it waited
    let settled = false
    gi.then(() => (settled = true))
    await Promise.resolve()
    expect(settled).toBe(false) // a replaced caller settles with the task that ran in its place
    answers.get('git')!.resolve()
    await Promise.all([gi, git])
    expect(latest.busy).toBe(false)
    await latest.idle()
  })

  it('a failed request rejects its caller and the waiting one still goes', async () => {
    const latest = new Latest()
    const first = deferred()
    const sent: string[] = []
    const failed = latest.run(() => (sent.push('a'), first.promise))
    const next = latest.run(async () => void sent.push('b'))
    first.reject(new Error('vault locked'))
    await expect(failed).rejects.toThrow('vault locked')
    await next
    expect(sent).toEqual(['a', 'b'])
  })
})
