// The one module that talks to the Go side. Components import from here and
// never from wailsjs/ or window.go directly, so the bindings can change (and
// be mocked in tests) in one place.
//
// The generated bindings take and return classes from wailsjs/go/models.ts;
// the Go side only sees JSON, so this module speaks the plain shapes in
// types.ts and casts at the boundary.
import * as App from '../../wailsjs/go/main/App'
import * as Clip from '../../wailsjs/go/main/ClipboardAPI'
import * as Gen from '../../wailsjs/go/main/GeneratorAPI'
import * as Hub from '../../wailsjs/go/main/HubAPI'
import * as Imp from '../../wailsjs/go/main/ImportAPI'
import * as Prefs from '../../wailsjs/go/main/PrefsAPI'
import * as Quick from '../../wailsjs/go/main/QuickAPI'
import * as Sync from '../../wailsjs/go/main/SyncAPI'
import * as Vault from '../../wailsjs/go/main/VaultAPI'
import type {
  Backup,
  Copied,
  Counts,
  FieldDef,
  Filter,
  FormatInfo,
  ImportPreview,
  ImportPreviewCounts,
  ImportRequest,
  Generated,
  GeneratorOptions,
  Group,
  HistoryEntry,
  OTPCode,
  Page,
  Platform,
  Preferences,
  RecordInput,
  RecordPatch,
  RecordType,
  RecoverReport,
  RestoreSummary,
  ShortcutInfo,
  Stamp,
  Strength,
  Summary,
  SyncInfo,
  SyncMode,
  TerminalAsk,
  VaultRecord,
  VaultState,
} from './types'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const plain = (v: unknown) => v as any

/** The app's version string, as built into the Go binary. */
export const version = (): Promise<string> => App.Version()
export const platform = (): Promise<Platform> => App.Platform()
/** Opens an http(s) URL in the default browser. */
export const openURL = (url: string): Promise<void> => App.OpenURL(url)
/** Shows the native folder picker; resolves to "" when cancelled. */
export const chooseFolder = (title: string): Promise<string> => App.ChooseFolder(title)

// The vault: lock state and the records, groups and types inside it.
export const vaultState = (): Promise<VaultState> => Vault.State()
export const createVault = (password: string): Promise<void> => Vault.Create(password)
export const unlock = (password: string): Promise<void> => Vault.Unlock(password)
/** What recovering a damaged vault would bring back; changes nothing. */
export const previewRecover = async (password: string): Promise<RecoverReport> =>
  plain(await Vault.PreviewRecover(password))
/** Rebuilds a damaged vault from every copy still intact, then unlocks it. */
export const recoverVault = async (password: string): Promise<RecoverReport> => plain(await Vault.Recover(password))
export const lock = (): Promise<void> => Vault.Lock()
export const touch = (): Promise<void> => Vault.Touch()
export const changePassword = (oldPassword: string, newPassword: string): Promise<void> =>
  Vault.ChangePassword(oldPassword, newPassword)

export const list = async (f: Filter): Promise<Summary[]> =>
  (await Vault.List(plain({ group: '', type: '', favorites: false, deleted: false, query: '', ...f }))) ?? []
/**
 * One page of the records f selects, sorted by name, with the total and
 * where record id is in the whole list (`at`, -1 when it isn't), searched
 * in Go: a keystroke costs this one round trip.
 */
export const page = async (f: Filter, offset: number, limit: number, id = ''): Promise<Page> => {
  const p = plain(await Vault.Page(plain(filterArg(f)), offset, limit, id))
  return { total: p?.total ?? 0, offset: p?.offset ?? 0, items: p?.items ?? [], at: p?.at ?? -1 }
}
/** Where record id is in the list f selects, or -1. */
export const indexOf = (f: Filter, id: string): Promise<number> => Vault.IndexOf(plain(filterArg(f)), id)
const filterArg = (f: Filter) => ({ group: '', type: '', favorites: false, deleted: false, query: '', ...f })
export const record = async (id: string): Promise<VaultRecord> => plain(await Vault.Record(id))
export const history = async (id: string): Promise<HistoryEntry[]> => plain(await Vault.History(id)) ?? []
export const counts = async (): Promise<Counts> => (await Vault.Counts()) ?? {}
export const addRecord = async (input: RecordInput): Promise<VaultRecord> => plain(await Vault.AddRecord(plain(input)))
export const updateRecord = async (id: string, patch: RecordPatch): Promise<VaultRecord> =>
  plain(await Vault.UpdateRecord(id, plain(patch)))
export const deleteRecord = (id: string): Promise<void> => Vault.DeleteRecord(id)
export const restoreRecord = async (id: string): Promise<VaultRecord> => plain(await Vault.RestoreRecord(id))
/** A record in Deleted Records, concealed values left out as for a live one. */
export const deletedRecord = async (id: string): Promise<VaultRecord> => plain(await Vault.DeletedRecord(id))
/** Deletes a record in Deleted Records permanently (here now, on other devices when they sync). */
export const purgeRecord = (id: string): Promise<void> => Vault.PurgeRecord(id)
export const restoreVersion = async (id: string, key: string, stamp: Stamp): Promise<VaultRecord> =>
  plain(await Vault.RestoreVersion(id, key, plain(stamp)))
/** The current code of a record's one-time password field, computed in Go from its secret. */
export const oneTimeCode = async (recordID: string, fieldID: string): Promise<OTPCode> =>
  plain(await Vault.OneTimeCode(recordID, fieldID))

export const groups = async (): Promise<Group[]> => (await Vault.Groups()) ?? []
export const addGroup = async (name: string): Promise<Group> => plain(await Vault.AddGroup(name))
export const renameGroup = async (id: string, name: string): Promise<Group> => plain(await Vault.RenameGroup(id, name))
export const deleteGroup = (id: string): Promise<void> => Vault.DeleteGroup(id)

export const types = async (): Promise<RecordType[]> => plain(await Vault.Types()) ?? []
export const addType = async (name: string, fields: FieldDef[]): Promise<RecordType> =>
  plain(await Vault.AddType(name, plain(fields)))
export const updateType = async (id: string, name: string, fields: FieldDef[]): Promise<RecordType> =>
  plain(await Vault.UpdateType(id, name, plain(fields)))
export const typeUsage = (id: string): Promise<number> => Vault.TypeUsage(id)
/** Deletes a type; resolves to how many records use it (they keep their data). */
export const deleteType = (id: string): Promise<number> => Vault.DeleteType(id)
/** The deleted record types, built-in ones included; restoreType brings one back with its fields. */
export const deletedTypes = async (): Promise<RecordType[]> => plain(await Vault.DeletedTypes()) ?? []
export const restoreType = async (id: string): Promise<RecordType> => plain(await Vault.RestoreType(id))

// Backups of the vault file, and restoring one as new edits that sync carries.
export const backups = async (): Promise<Backup[]> => plain(await Vault.Backups()) ?? []
/** Counts what restoring a backup would change; changes nothing. */
export const previewRestore = async (name: string, password: string): Promise<RestoreSummary> =>
  plain(await Vault.PreviewRestore(name, password))
export const restoreBackup = async (name: string, password: string): Promise<RestoreSummary> =>
  plain(await Vault.RestoreBackup(name, password))

/** Copies text; Go clears the clipboard after the delay unless something else was copied. Resolves to the delay in seconds. */
export const copy = (text: string): Promise<number> => Clip.Copy(text)

// Quick Access (app_quick.go): the global shortcut and the compact panel.
/** Copies a record's "password", "username", "otp" (current code) or a field id, in Go: the value never reaches the page. */
export const quickCopy = async (recordID: string, field: string): Promise<Copied> => plain(await Quick.CopyField(recordID, field))
/** Opens the record's web address (http(s) only). */
export const openRecordURL = (recordID: string): Promise<void> => Quick.OpenURL(recordID)
/** Restores the main window from the panel; keep leaves it shown, else it hides again. */
export const quickClose = (keep: boolean): Promise<void> => Quick.Close(keep)
export const quickShortcut = async (): Promise<ShortcutInfo> => plain(await Quick.Shortcut())
export const setQuickShortcut = async (text: string): Promise<ShortcutInfo> => plain(await Quick.SetShortcut(text))

export const generatorDefaults = async (): Promise<GeneratorOptions> => plain(await Gen.Defaults())
export const generate = async (o: GeneratorOptions): Promise<Generated> => plain(await Gen.Generate(plain(o)))
export const strength = async (password: string): Promise<Strength> => plain(await Gen.Estimate(password))

export const preferences = async (): Promise<Preferences> => plain(await Prefs.Get())
export const savePreferences = async (p: Preferences): Promise<Preferences> => plain(await Prefs.Save(plain(p)))

// Cloud sync (app_sync.go over backend/service's sync methods).
export const syncInfo = async (): Promise<SyncInfo> => plain(await Sync.Info())
/** Sets up sync: a new sync password on the first device, the existing one on later devices. */
export const setupSync = async (mode: SyncMode, folder: string, password: string): Promise<SyncInfo> =>
  plain(await Sync.Setup(mode, folder, password))
/** Looks at a sync location before setup: is there sync data there already? */
export const probeSync = async (mode: SyncMode, folder: string): Promise<SyncInfo> => plain(await Sync.Probe(mode, folder))
export const disableSync = async (): Promise<SyncInfo> => plain(await Sync.Disable())
export const enterSyncPassword = async (password: string): Promise<SyncInfo> => plain(await Sync.EnterPassword(password))
export const changeSyncPassword = async (password: string): Promise<SyncInfo> =>
  plain(await Sync.ChangePassword(password))
export const setAutoSync = async (on: boolean): Promise<SyncInfo> => plain(await Sync.SetAutoSync(on))
export const syncNow = async (): Promise<SyncInfo> => plain(await Sync.SyncNow())
export const cleanUpSync = async (): Promise<SyncInfo> => plain(await Sync.CleanUp())
export const revealSyncPassword = (): Promise<string> => Sync.RevealPassword()

// The vaultbar command beside the app (app_hub.go over backend/ipc).
/** The terminal sessions waiting for Allow or Deny. */
export const terminalAsks = async (): Promise<TerminalAsk[]> => plain(await Hub.Pending()) ?? []
/** Allows (for 10 minutes) or denies a terminal session's request. */
export const answerTerminal = (id: string, allow: boolean): Promise<void> => Hub.Answer(id, allow)

// The page holds no secret it doesn't show (app_reveal.go, app_copy.go):
// records come with concealed values left out; these return or copy one.
/** The value of one field, when the person reveals or edits it. */
export const reveal = (recordID: string, fieldID: string): Promise<string> => Vault.Reveal(recordID, fieldID)
/** One earlier value of a field, from its history. */
export const revealVersion = (recordID: string, key: string, stamp: Stamp): Promise<string> =>
  Vault.RevealVersion(recordID, key, plain(stamp))
/** Copies a field by id in Go (a one-time password field: its current code). Resolves to the clearing delay in seconds. */
export const copyField = (recordID: string, fieldID: string): Promise<number> => Clip.CopyField(recordID, fieldID)
// Import and export (app_import.go over backend/service's import.go, export.go).
export const importFormats = async (): Promise<FormatInfo[]> => plain(await Imp.Formats()) ?? []
/** The system's file picker; resolves to "" when cancelled. */
export const chooseImportFile = (): Promise<string> => Imp.ChooseFile()
/** Reads and previews a file; needsPassword when it is encrypted and no (or no) password was given. */
export const readImport = async (req: ImportRequest): Promise<ImportPreview> => plain(await Imp.Read(plain(req)))
/** Writes the file read last; duplicates are skipped or merged. */
export const applyImport = async (duplicates: 'skip' | 'merge'): Promise<ImportPreviewCounts> =>
  plain(await Imp.Apply(duplicates))
/** Moves an import's records to the deleted records; resolves to how many. */
export const undoImport = (label: string): Promise<number> => Imp.Undo(label)
/** Moves a file to the trash (never deletes it); resolves to where it went. */
export const trashFile = (path: string): Promise<string> => Imp.Trash(path)
export const exportFormats = async (): Promise<FormatInfo[]> => plain(await Imp.ExportFormats()) ?? []
/** The system's save panel; resolves to "" when cancelled. */
export const chooseExportFile = (name: string): Promise<string> => Imp.ChooseExportFile(name)
export const exportVault = (path: string, format: string, password: string): Promise<void> =>
  Imp.Export(path, format, password)
