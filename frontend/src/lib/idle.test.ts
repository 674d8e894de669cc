import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { reportActivity } from './idle'

describe('reportActivity', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('reports input at once, then at most once per interval', () => {
    const report = vi.fn()
    const stop = reportActivity(report, 5)
    window.dispatchEvent(new KeyboardEvent('keydown'))
    expect(report).toHaveBeenCalledOnce()
    vi.advanceTimersByTime(4_000)
    window.dispatchEvent(new PointerEvent('pointermove'))
    expect(report).toHaveBeenCalledOnce()
    vi.advanceTimersByTime(1_000)
    window.dispatchEvent(new WheelEvent('wheel'))
    expect(report).toHaveBeenCalledTimes(2)
    stop()
    vi.advanceTimersByTime(60_000)
    window.dispatchEvent(new KeyboardEvent('keydown'))
    expect(report).toHaveBeenCalledTimes(2)
  })

  it('reports nothing without input', () => {
    const report = vi.fn()
    reportActivity(report)
    vi.advanceTimersByTime(10_000_000)
    expect(report).not.toHaveBeenCalled()
  })
})
