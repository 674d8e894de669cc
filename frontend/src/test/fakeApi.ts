// A stand-in for src/lib/api.ts in component tests:
//   vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())
// Every function is a vi.fn() answering like an empty, unlocked vault;
// tests override what they need with vi.mocked(api.x).mockResolvedValue().
import { vi } from 'vitest'
import type { Filter, Group, RecordType, Summary, SyncInfo, VaultRecord } from '../lib/types'

export const loginType: RecordType = {
  id: 'login',
  name: 'Login',
  builtin: true,
  fields: [
    { id: 'username', label: 'Username', kind: 'text' },
    { id: 'password', label: 'Password', kind: 'secret' },
    { id: 'url', label: 'Website', kind: 'url' },
  ],
}

export const cardType: RecordType = {
  id: 'credit-card',
  name: 'Credit Card',
  builtin: true,
  fields: [
    { id: 'number', label: 'Card Number', kind: 'secret' },
    { id: 'expiry', label: 'Expiry Date', kind: 'date' },
  ],
}

export const groups: Group[] = [
  { id: 'business', name: 'Business', builtin: true },
  { id: 'personal', name: 'Personal', builtin: true },
]

export const github: VaultRecord = {
  id: 'r1',
  type: 'login',
  typeName: 'Login',
  name: 'GitHub',
  notes: 'work account',
  favorite: false,
  groups: ['business'],
  fields: [
    { id: 'username', label: 'Username', kind: 'text', value: 'octocat' },
    // As Go sends it (app_reveal.go): a set secret without its value; api.reveal returns it.
    { id: 'password', label: 'Password', kind: 'secret', value: '', hidden: true },
    { id: 'url', label: 'Website', kind: 'url', value: 'https://github.com' },
  ],
  created: '2025-01-02T03:04:05Z',
  modified: '2025-01-02T03:04:05Z',
}

export const syncOff: SyncInfo = {
  mode: 'none',
  folder: '',
  configured: false,
  autoSync: true,
  icloudAvailable: false,
  icloudReason: 'iCloud Drive is not available on this computer.',
  icloudWhere: '',
  state: 'off',
  message: '',
  hint: '',
  lastSync: '',
  existing: false,
  ignored: 0,
  waiting: false,
  seq: 0,
  cleanedUp: '',
}

export function fakeApi() {
  const list = vi.fn().mockResolvedValue([])
  return {
    version: vi.fn().mockResolvedValue('1.2.3'),
    platform: vi.fn().mockResolvedValue({ os: 'linux', dockSetting: false }),
    openURL: vi.fn().mockResolvedValue(undefined),
    chooseFolder: vi.fn().mockResolvedValue(''),
    vaultState: vi.fn().mockResolvedValue({ exists: true, locked: false }),
    createVault: vi.fn().mockResolvedValue(undefined),
    unlock: vi.fn().mockResolvedValue(undefined),
    lock: vi.fn().mockResolvedValue(undefined),
    touch: vi.fn().mockResolvedValue(undefined),
    changePassword: vi.fn().mockResolvedValue(undefined),
    list,
    // Pages of whatever the list mock answers, so tests set up one of them.
    page: vi.fn(async (f: Filter, offset: number, limit: number, id = '') => {
      const all: Summary[] = (await list(f)) ?? []
      const at = id ? all.findIndex((s) => s.id === id) : -1
      return { total: all.length, offset, items: all.slice(offset, offset + limit), at }
    }),
    indexOf: vi.fn(async (f: Filter, id: string) => ((await list(f)) ?? []).findIndex((s: Summary) => s.id === id)),
    record: vi.fn().mockResolvedValue(github),
    quickCopy: vi.fn(async (_id: string, field: string) => ({
      what: { password: 'password', username: 'user name', otp: 'one-time code' }[field] ?? field,
      name: 'GitHub',
      seconds: 30,
    })),
    openRecordURL: vi.fn().mockResolvedValue(undefined),
    quickClose: vi.fn().mockResolvedValue(undefined),
    quickShortcut: vi.fn().mockResolvedValue({ shortcut: 'Ctrl+Shift+Space', default: 'Ctrl+Shift+Space', available: true, active: true, problem: '' }),
    setQuickShortcut: vi.fn(async (s: string) => ({ shortcut: s, default: 'Ctrl+Shift+Space', available: true, active: true, problem: '' })),
    history: vi.fn().mockResolvedValue([]),
    counts: vi.fn().mockResolvedValue({}),
    addRecord: vi.fn().mockResolvedValue(github),
    updateRecord: vi.fn().mockResolvedValue(github),
    deleteRecord: vi.fn().mockResolvedValue(undefined),
    restoreRecord: vi.fn().mockResolvedValue(github),
    deletedRecord: vi.fn().mockResolvedValue(github),
    purgeRecord: vi.fn().mockResolvedValue(undefined),
    restoreVersion: vi.fn().mockResolvedValue(github),
    oneTimeCode: vi.fn().mockResolvedValue({ code: '123456', remaining: 17, period: 30 }),
    groups: vi.fn().mockResolvedValue(groups),
    addGroup: vi.fn().mockResolvedValue({ id: 'g9', name: 'New', builtin: false }),
    renameGroup: vi.fn().mockResolvedValue(groups[0]),
    deleteGroup: vi.fn().mockResolvedValue(undefined),
    types: vi.fn().mockResolvedValue([cardType, loginType]),
    addType: vi.fn().mockResolvedValue(loginType),
    updateType: vi.fn().mockResolvedValue(loginType),
    typeUsage: vi.fn().mockResolvedValue(0),
    deleteType: vi.fn().mockResolvedValue(0),
    deletedTypes: vi.fn().mockResolvedValue([]),
    restoreType: vi.fn().mockResolvedValue(loginType),
    backups: vi.fn().mockResolvedValue([]),
    previewRestore: vi.fn(),
    restoreBackup: vi.fn(),
    previewRecover: vi.fn().mockResolvedValue({
      summary: '5 records from vault.vbv; may be missing: save 1 of vault.vbj (damaged)',
      damaged: true,
      records: 5,
      sources: ['vault.vbv'],
      missing: ['save 1 of vault.vbj (damaged)'],
      setAside: [],
    }),
    recoverVault: vi.fn().mockResolvedValue({
      summary: '5 records from vault.vbv; may be missing: save 1 of vault.vbj (damaged)',
      damaged: true,
      records: 5,
      sources: ['vault.vbv'],
      missing: ['save 1 of vault.vbj (damaged)'],
      setAside: ['vault.vbj.damaged-20261202-050000'],
    }),
    copy: vi.fn().mockResolvedValue(30),
    copyField: vi.fn().mockResolvedValue(30),
    reveal: vi.fn().mockResolvedValue('hunter2-long'),
    revealVersion: vi.fn().mockResolvedValue('old-secret'),
    generatorDefaults: vi.fn().mockResolvedValue({
      length: 20,
      lower: true,
      upper: true,
      digits: true,
      symbols: true,
      words: 0,
      separator: '-',
    }),
    generate: vi.fn().mockResolvedValue({ password: 'Gen3rated!Pass', strength: { bits: 110, score: 4, label: 'Very strong' } }),
    strength: vi.fn().mockImplementation(async (pw: string) =>
      pw.length >= 12 ? { bits: 80, score: 3, label: 'Strong' } : { bits: 10, score: 0, label: 'Very weak' },
    ),
    preferences: vi.fn().mockResolvedValue({ clipboardClearSeconds: 30, idleLockSeconds: 300, openAtLogin: false, showInDock: false, lockWhenAway: true }),
    savePreferences: vi.fn().mockImplementation(async (p: unknown) => p),
    syncInfo: vi.fn().mockResolvedValue(syncOff),
    setupSync: vi.fn(),
    probeSync: vi.fn().mockResolvedValue({ ...syncOff, existing: false }),
    disableSync: vi.fn().mockResolvedValue(syncOff),
    enterSyncPassword: vi.fn(),
    changeSyncPassword: vi.fn(),
    setAutoSync: vi.fn(),
    syncNow: vi.fn(),
    cleanUpSync: vi.fn(),
    revealSyncPassword: vi.fn().mockResolvedValue('cloud-secret-123'),
    terminalAsks: vi.fn().mockResolvedValue([]),
    answerTerminal: vi.fn().mockResolvedValue(undefined),
    importFormats: vi.fn().mockResolvedValue([{ id: 'kdbx', name: 'KeePass (KDBX)' }]),
    chooseImportFile: vi.fn().mockResolvedValue(''),
    readImport: vi.fn(),
    applyImport: vi.fn(),
    trashFile: vi.fn().mockResolvedValue('/trash/file'),
    undoImport: vi.fn().mockResolvedValue(4),
    exportFormats: vi.fn().mockResolvedValue([
      { id: 'vaultbar', name: 'Vaultbar export (encrypted)', encrypted: true },
      { id: 'csv', name: 'CSV (not encrypted)', encrypted: false },
    ]),
    chooseExportFile: vi.fn().mockResolvedValue(''),
    exportVault: vi.fn().mockResolvedValue(undefined),
  }
}

/** Events the app subscribed to, so a test can fire them. */
export const fired: Record<string, (payload?: unknown) => void> = {}

export function fakeEvents() {
  const on = (name: string) =>
    vi.fn((handler: (payload?: unknown) => void) => {
      fired[name] = handler
      return () => delete fired[name]
    })
  return {
    AppEvent: {},
    onPreferences: on('preferences'),
    onLocked: on('locked'),
    onVaultChanged: on('changed'),
    onSyncStatus: on('sync'),
    onQuickSearch: on('quicksearch'),
    onImport: on('import'),
    onExport: on('export'),
    onImportProgress: on('importprogress'),
    onNewRecord: on('newrecord'),
    onSearch: on('search'),
    preferencesClosed: vi.fn(),
    onTerminalAsk: on('terminalask'),
    onTerminalDone: on('terminaldone'),
  }
}
