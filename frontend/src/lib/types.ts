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
  value: string // "" while hidden
  hidden?: boolean // a concealed value is set; api.reveal returns it (app_reveal.go)
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

/** One page of a record list, how many records matched in all, and where the record asked about is (model.Page). */
export interface Page {
  total: number
  offset: number
  items: Summary[]
  /** The asked-for record's position in the whole list, or -1. */
  at: number
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
  lockWhenAway: boolean // lock on sleep and screen lock
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
  /** Which iCloud folder Sync with iCloud uses and why (the app's container or the iCloud Drive folder). */
  icloudWhere: string
  /** idle | syncing | ok | error | needs-password | off */
  state: string
  message: string
  hint: string
  lastSync: string
  /** Whether the chosen folder already holds another device's sync data. */
  existing: boolean
  /** Files in the sync folder that no device of yours wrote: Clean Up moves them. */
  ignored: number
  /** Another device's files went back in time; it republishes at its next sync. */
  waiting: boolean
  /** Orders statuses: an older one arriving late is ignored (0: not the engine's). */
  seq: number
  /** What the last Clean Up did (only in its answer). */
  cleanedUp: string
}

/** One automatic backup of the vault file (service.Backup). */
export interface Backup {
  name: string
  /** When it stopped being the current vault, as an RFC 3339 time. */
  time: string
  size: number
}

/** How many entities of one kind restoring a backup changes. */
export interface RestoreCounts {
  changed: number
  /** Deleted now (or gone), live in the backup: they come back. */
  restored: number
  /** Live now, not in the backup: they move to Deleted Records. */
  removed: number
}

/** What recovering a damaged vault did or would do (service.Recovery). */
export interface RecoverReport {
  /** One sentence: what is recovered, from where, what may be missing. */
  summary: string
  /** False: the vault is not damaged, nothing to recover. */
  damaged: boolean
  records: number
  sources: string[]
  missing: string[]
  setAside: string[]
}

/** What restoring a backup changes (service.RestoreSummary). */
export interface RestoreSummary {
  backup: string
  records: RestoreCounts
  groups: RestoreCounts
  types: RestoreCounts
  /** Records of the backup deleted permanently since; they stay deleted. */
  purged: number
}

/** A terminal session's request to use the vault through the app (HubAPI). */
export interface TerminalAsk {
  id: string
  command: string // "vaultbar ls": never its arguments
}

/** An importable or exportable format (ImportAPI.Formats, ExportFormats). */
export interface FormatInfo {
  id: string
  name: string
  encrypted?: boolean
}

/** What an import would write (backend/interchange Preview). */
export interface ImportPreviewCounts {
  format: string
  label: string
  total: number
  add: number
  merge: number
  byType: Record<string, number>
  byGroup: Record<string, number>
  duplicates: { title: string; existing: string }[] | null
  unmapped: string[] | null
  newTypes: string[] | null
  newGroups: string[] | null
  skipped: { Title: string; Reason: string }[] | null
  warnings: string[] | null
  /** A generic CSV's column mapping in effect, in the file's order; null for other formats. */
  columns?: ImportColumn[] | null
}

/** A generic CSV's header and the field key it fills ("" an extra field, "-" left out). */
export interface ImportColumn {
  header: string
  key: string
}

/** ImportAPI.Read's answer. */
export interface ImportPreview {
  needsPassword: boolean
  format: string
  encrypted: boolean
  preview: ImportPreviewCounts
}

export interface ImportRequest {
  path: string
  format: string
  password: string
  keyFile: string
  /** A generic CSV's header → field key mapping; absent lets Vaultbar guess. */
  columns?: Record<string, string>
}
