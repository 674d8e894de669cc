import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { watchIdle } from './idle'

describe('watchIdle', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('fires after the idle time, and input starts the wait again', () => {
    const idle = vi.fn()
    const stop = watchIdle(60, idle)
    vi.advanceTimersByTime(59_000)
    window.dispatchEvent(new KeyboardEvent('keydown'))
    vi.advanceTimersByTime(59_000)
    expect(idle).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1_000)
    expect(idle).toHaveBeenCalledOnce()
    stop()
  })

  it('never fires for zero', () => {
    const idle = vi.fn()
    watchIdle(0, idle)
    vi.advanceTimersByTime(10_000_000)
    expect(idle).not.toHaveBeenCalled()
  })
})
