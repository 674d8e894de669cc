// Checks a record editor can make before saving. Each returns a sentence
// saying what is wrong, or '' when the value is fine. Empty values are
// always fine: a field may be left blank.
import type { FieldKind } from './types'

export function validateField(kind: FieldKind, value: string): string {
  const v = value.trim()
  if (v === '') return ''
  switch (kind) {
    case 'url':
      return validURL(v) ? '' : 'Enter a web address such as https://example.com.'
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? '' : 'Enter an email address such as name@example.com.'
    case 'date':
      return validDate(v) ? '' : 'Enter a date as YYYY-MM-DD, or a month as MM/YY.'
    case 'number':
      return /^-?\d+([.,]\d+)?$/.test(v) ? '' : 'Enter a number.'
    case 'phone':
      return /^\+?[\d\s().-]{3,}$/.test(v) ? '' : 'Enter a phone number: digits, spaces, + ( ) - .'
    case 'pin':
      return /^\d+$/.test(v) ? '' : 'A PIN has only digits.'
    default:
      return ''
  }
}

export function validURL(v: string): boolean {
  try {
    const u = new URL(v.includes('://') ? v : `https://${v}`)
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.')
  } catch {
    return false
  }
}

/** A full date (YYYY-MM-DD) or a card's month (MM/YY or MM/YYYY). */
export function validDate(v: string): boolean {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
  if (m) {
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3]
  }
  m = /^(\d{2})\/(\d{2}|\d{4})$/.exec(v)
  return !!m && +m[1] >= 1 && +m[1] <= 12
}

/** What to open for a URL field: the value with https:// added if it has no scheme. */
export function openableURL(v: string): string {
  const t = v.trim()
  return t.includes('://') ? t : `https://${t}`
}
