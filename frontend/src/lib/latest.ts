/**
 * Runs one request at a time when only the newest answer matters (a search
 * as the person types). A run() while one is in flight is sent as soon as
 * that one's answer arrives, and a later run() replaces it while it waits:
 * keys never wait for a timer, and a fast typist costs at most one round
 * trip in flight plus one waiting. Each caller's promise settles when the
 * task that ran in its place does. The tasks themselves drop an answer a
 * newer request made stale (see VaultStore's list sequence).
 */
export class Latest {
  #running: Promise<void> | null = null
  #queued: { task: () => Promise<void>; done: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | null =
    null

  /** True while a task is in flight. */
  get busy(): boolean {
    return this.#running !== null
  }

  run(task: () => Promise<void>): Promise<void> {
    if (!this.#running) return this.#start(task)
    if (this.#queued) {
      this.#queued.task = task
      return this.#queued.done
    }
    let resolve!: () => void
    let reject!: (e: unknown) => void
    const done = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)))
    this.#queued = { task, done, resolve, reject }
    return done
  }

  /** Resolves once nothing is in flight or waiting. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running.catch(() => {})
  }

  #start(task: () => Promise<void>): Promise<void> {
    const p = task().finally(() => {
      this.#running = null
      const q = this.#queued
      this.#queued = null
      if (q) this.#start(q.task).then(q.resolve, q.reject)
    })
    this.#running = p
    return p
  }
}
