import { describe, expect, it } from 'vitest'
import { shownName } from './names'

describe('shownName', () => {
  it('shows a nameless record as Untitled and keeps every other name', () => {
    expect(shownName('')).toBe('Untitled')
    expect(shownName('  ')).toBe('Untitled')
    expect(shownName('GitHub')).toBe('GitHub')
  })
})
