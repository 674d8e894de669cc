// The idle lock runs in Go (service.IdleLock), because the window is hidden
// most of the time and a hidden page's timers may be throttled. The page's
// part is to say that the person is using it: reportActivity calls report
// on keyboard, pointer or wheel input, at most once every `everySeconds`.
// Returns a function that stops watching.
const activity = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'focusin'] as const

export function reportActivity(report: () => void, everySeconds = 5, target: Window = window): () => void {
  let last = -Infinity
  const seen = () => {
    const now = Date.now()
    if (now - last < everySeconds * 1000) return
    last = now
    report()
  }
  for (const e of activity) target.addEventListener(e, seen, { passive: true })
  return () => {
    for (const e of activity) target.removeEventListener(e, seen)
  }
}
