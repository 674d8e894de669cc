import { describe, expect, it } from 'vitest'
import { openableURL, validateField } from './validate'

describe('validateField', () => {
  it.each([
    ['url', 'https://example.com', true],
    ['url', 'example.com', true],
    ['url', 'javascript:alert(1)', false],
    ['url', 'nonsense', false],
    ['email', 'a@b.co', true],
    ['email', 'a@b', false],
    ['date', '2024-02-29', true],
    ['date', '2023-02-29', false],
    ['date', '12/27', true],
    ['date', '13/27', false],
    ['number', '42', true],
    ['number', 'forty', false],
    ['pin', '0042', true],
    ['pin', '12a', false],
    ['text', 'anything', true],
    ['url', '', true],
  ] as const)('%s %j → %s', (kind, value, ok) => {
    expect(validateField(kind, value) === '').toBe(ok)
  })

  it('adds https:// to addresses without a scheme', () => {
    expect(openableURL('example.com')).toBe('https://example.com')
    expect(openableURL('http://example.com')).toBe('http://example.com')
  })
})
