import { describe, expect, it } from 'vitest'
import { describe as sentence, problem } from './errors'

describe('problem', () => {
  it('splits the hint from the message', () => {
    expect(problem(new Error('The password is wrong.\nhint: Try again.'))).toEqual({
      message: 'The password is wrong.',
      hint: 'Try again.',
    })
    expect(problem('plain')).toEqual({ message: 'plain', hint: '' })
    expect(sentence('A.\nhint: B.')).toBe('A. B.')
  })
})
