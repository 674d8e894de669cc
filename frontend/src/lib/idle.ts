// Calls onIdle once after `seconds` without keyboard, pointer or wheel
// input in the window. Returns a function that stops watching. Zero seconds
// means never.
const activity = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'focusin'] as const

export function watchIdle(seconds: number, onIdle: () => void, target: Window = window): () => void {
  if (!(seconds > 0)) return () => {}
  let timer: ReturnType<typeof setTimeout>
  const reset = () => {
    clearTimeout(timer)
    timer = setTimeout(onIdle, seconds * 1000)
  }
  for (const e of activity) target.addEventListener(e, reset, { passive: true })
  reset()
  return () => {
    clearTimeout(timer)
    for (const e of activity) target.removeEventListener(e, reset)
  }
}
