// The shapes the Go side sends and takes, as JSON. They mirror
// backend/model (views.go, records.go, types.go), backend/passgen and the
// bound services in app_*.go.

export type FieldKind = 'text' | 'secret' | 'url' | 'email' | 'phone' | 'date' | 'number' | 'pin' | 'note' | 'otp'

export const fieldKinds: { kind: FieldKind; label: string }[] = [
  { kind: 'text', label: 'Text' },
  { kind: 'secret', label: 'Password' },
  { kind: 'url', label: 'URL' },
  { kind: 'email', label: 'Email' },
  { kind: 'phone', label: 'Phone' },
  { kind: 'date', label: 'Date' },
  { kind: 'number', label: 'Number' },
  { kind: 'pin', label: 'PIN' },
  { kind: 'note', label: 'Note' },
  { kind: 'otp', label: 'One-time password secret' },
]

/** Masked in the UI and never searched (model.FieldKind.Concealed). */
export function concealed(kind: FieldKind): boolean {
  return kind === 'secret' || kind === 'pin' || kind === 'otp'
}

/** The current code of a one-time password field (VaultAPI.OneTimeCode). */
export interface OTPCode {
  code: string
  /** Seconds until the code changes. */
  remaining: number
  /** Seconds each code lasts. */
  period: number
}

export interface Field {
  id: string
  label: string
  kind: FieldKind
  value: string
}

export interface VaultRecord {
  id: string
  type: string
  typeName: string
  name: string
  notes: string
  favorite: boolean
  groups: string[] | null
  fields: Field[] | null
  created: string
  modified: string
}

export interface Summary {
  id: string
  name: string
  type: string
  subtitle: string
  favorite: boolean
}

/** What a Quick Access copy put on the clipboard (app_quick.go Copied). */
export interface Copied {
  what: string
  name: string
  seconds: number
}

/** The Quick Access shortcut and whether it works here (app_quick.go ShortcutInfo). */
export interface ShortcutInfo {
  shortcut: string
  default: string
  available: boolean
  active: boolean
  problem: string
}

/** One page of a record list and how many records matched in all (model.Page). */
export interface Page {
  total: number
  offset: number
  items: Summary[]
}

export interface Stamp {
  Wall: number
  Count: number
  Dev: string
}

export interface HistoryEntry {
  key: string
  label: string
  value: string
  concealed: boolean
  time: string
  stamp: Stamp
}

export interface Group {
  id: string
  name: string
  builtin: boolean
}

export interface FieldDef {
  id: string
  label: string
  kind: FieldKind
}

export interface RecordType {
  id: string
  name: string
  fields: FieldDef[] | null
  builtin: boolean
}

export interface Filter {
  group?: string
  type?: string
  favorites?: boolean
  deleted?: boolean
  query?: string
}

export interface RecordInput {
  type: string
  name: string
  notes: string
  favorite: boolean
  groups: string[]
  fields: Record<string, string>
}

export interface RecordPatch {
  type?: string
  name?: string
  notes?: string
  favorite?: boolean
  groups?: string[]
  fields?: Record<string, string>
}

export type Counts = Record<string, number>

export interface VaultState {
  exists: boolean
  locked: boolean
}

/** A vault change from this device or another (service.Change). */
export interface Change {
  origin: 'local' | 'sync' | 'lock' | 'restore'
  records?: string[]
  groups?: string[]
  types?: string[]
  locked: boolean
}

export interface Strength {
  bits: number
  score: number
  label: string
}

export interface GeneratorOptions {
  length: number
  lower: boolean
  upper: boolean
  digits: boolean
  symbols: boolean
  words: number
  separator: string
}

export interface Generated {
  password: string
  strength: Strength
}

export interface Preferences {
  clipboardClearSeconds: number
  idleLockSeconds: number
  openAtLogin: boolean
  showInDock: boolean
}

export interface Platform {
  os: string
  dockSetting: boolean
}

export type SyncMode = 'none' | 'icloud' | 'folder'

/** What the Cloud Sync tab and the Sync button show (app_sync.go SyncInfo). */
export interface SyncInfo {
  mode: SyncMode
  folder: string
  configured: boolean
  autoSync: boolean
  icloudAvailable: boolean
  icloudReason: string
  /** idle | syncing | ok | error | needs-password | off */
  state: string
  message: string
  hint: string
  lastSync: string
  /** Whether the chosen folder already holds another device's sync data. */
  existing: boolean
}
