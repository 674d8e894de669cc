// Bound Go methods reject with the error's text. app_errors.go writes it as
// the sentence from service.Explain, then a line "hint: ..." when there is
// something the person can do.

export interface Problem {
  message: string
  hint: string
}

export function problem(err: unknown): Problem {
  const text = err instanceof Error ? err.message : String(err)
  const at = text.indexOf('\nhint: ')
  if (at < 0) return { message: text, hint: '' }
  return { message: text.slice(0, at), hint: text.slice(at + 7) }
}

/** The problem as one line: "message. Hint" */
export function describe(err: unknown): string {
  const p = problem(err)
  return p.hint ? `${p.message} ${p.hint}` : p.message
}
