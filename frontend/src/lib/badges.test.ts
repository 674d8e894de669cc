import { describe, expect, it } from 'vitest'
import { badgeColor, builtinHues, contrast, hueOf, MIN_CONTRAST, rgbOf } from './badges'

const white = [1, 1, 1]

describe('record badges', () => {
  it('white text reads at 4.5:1 or more on every built-in and custom type', () => {
    const ids = [...Object.keys(builtinHues), 'custom-a', 'Recipe', 'x', 'long custom type name', 'ÄÖÜ']
    for (const id of ids) {
      const c = contrast(rgbOf(badgeColor(id)), white)
      expect(c, `${id}: ${badgeColor(id)} at ${c.toFixed(2)}:1`).toBeGreaterThanOrEqual(MIN_CONTRAST)
    }
  })

  it('built-in types are at least 20° apart in hue', () => {
    const hs = Object.entries(builtinHues)
    for (const [a, ha] of hs) {
      for (const [b, hb] of hs) {
        if (a === b) continue
        const d = Math.min(Math.abs(ha - hb), 360 - Math.abs(ha - hb))
        expect(d, `${a} and ${b}`).toBeGreaterThanOrEqual(20)
      }
    }
    expect(hueOf('credit-card')).not.toBe(hueOf('wifi'))
  })
})
