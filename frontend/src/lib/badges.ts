// The colour of a record's badge, by record type: white text on it reads at
// a contrast of at least 4.5:1 (WCAG AA), and the built-in types sit 24°
// apart on the colour wheel so they can be told apart at a glance. Custom
// types get a hue from their id, darkened until white reads on it.

/** Built-in type ids and their hues, 24° apart (15 types fill the wheel). */
export const builtinHues: Record<string, number> = {
  login: 216,
  'credit-card': 0,
  'bank-account': 144,
  'email-account': 264,
  identity: 24,
  'secure-note': 48,
  password: 336,
  'software-license': 96,
  wifi: 192,
  server: 240,
  membership: 288,
  passport: 168,
  'drivers-license': 312,
  insurance: 120,
  'social-security': 72,
}

export const MIN_CONTRAST = 4.5

export function badgeColor(typeId: string): string {
  return darkEnough(hueOf(typeId))
}

export function hueOf(typeId: string): number {
  if (typeId in builtinHues) return builtinHues[typeId]
  let h = 0
  for (const c of typeId) h = (h * 31 + c.charCodeAt(0)) % 360
  return h
}

const cache = new Map<number, string>()

// The lightest colour of that hue (60% saturation) white text reads on.
function darkEnough(hue: number): string {
  let c = cache.get(hue)
  if (c) return c
  for (let l = 0.5; ; l -= 0.01) {
    const rgb = hslToRgb(hue, 0.6, l)
    if (contrast(rgb, [1, 1, 1]) >= MIN_CONTRAST + 0.1 || l <= 0.1) {
      c = '#' + rgb.map((x) => Math.round(x * 255).toString(16).padStart(2, '0')).join('')
      cache.set(hue, c)
      return c
    }
  }
}

export function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12
  const a = s * Math.min(l, 1 - l)
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))
  return [f(0), f(8), f(4)]
}

/** WCAG 2 contrast ratio of two sRGB colours (channels 0..1). */
export function contrast(a: number[], b: number[]): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p)
  return (x + 0.05) / (y + 0.05)
}

function luminance([r, g, b]: number[]): number {
  const c = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
  return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b)
}

/** Parses #rrggbb into channels 0..1. */
export function rgbOf(hex: string): number[] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
}
