// Junk in the sync folder (issue 10): files no device wrote are ignored,
// counted in the Cloud Sync tab, and Clean Up moves them beside the sync
// folder without deleting anything.
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { launchBrowser, openApp, screenshot, startApps, stopAll } from '../harness.mjs'
import { createVault, openPreferences } from '../ui-helpers.mjs'

const folder = mkdtempSync(path.join(os.tmpdir(), 'vaultbar-junk-'))
const root = path.join(folder, 'Vaultbar')
const junk = [path.join(root, 'devices', 'junk', 's-1-1.vbs'), path.join(root, 'devices', 'other', 'c-1-3.vbc')]
let browser, app, page

before(async () => {
  browser = await launchBrowser()
  ;[app] = await startApps(1, { name: 'sync-junk' })
  page = await openApp(browser, app)
  await createVault(page)
})

after(async () => {
  await browser?.close()
  await stopAll()
})

test('sets up sync with a folder', async () => {
  const sheet = await openPreferences(page, 'Cloud Sync')
  await sheet.getByLabel('Cloud Sync:').selectOption('folder')
  await sheet.getByLabel('Folder:').fill(folder)
  await sheet.getByRole('heading', { name: 'Set New Cloud Sync Password' }).waitFor()
  await sheet.getByLabel('Cloud sync password:').fill('a long cloud sync passphrase')
  await sheet.getByLabel('Confirm:').fill('a long cloud sync passphrase')
  await sheet.getByRole('button', { name: 'Set', exact: true }).click()
  await sheet.getByRole('button', { name: 'Change Password' }).waitFor({ timeout: 30_000 })
  await sheet.getByRole('button', { name: 'OK' }).click()
  await sheet.waitFor({ state: 'detached' })
})

test('junk files are counted as ignored, and Clean Up moves them beside the sync folder', async () => {
  for (const [i, p] of junk.entries()) {
    mkdirSync(path.dirname(p), { recursive: true })
    writeFileSync(p, `junk ${i}`)
  }
  // A file is reported once it has failed three syncs in a row (one that
  // fails once may still be arriving): sync until the toolbar counts them.
  const sync = page.getByRole('button', { name: 'Sync Now' })
  const status = page.getByTestId('sync-status')
  for (let i = 0; i < 20 && !/2 files ignored/.test(await status.textContent()); i++) {
    await sync.click() // waits until the button is enabled again
  }
  await status.filter({ hasText: 'Synced just now, 2 files ignored' }).waitFor({ timeout: 30_000 })
  const sheet = await openPreferences(page, 'Cloud Sync')
  const note = sheet.getByTestId('sync-ignored')
  await note.filter({ hasText: '2 files in the sync folder were not written by any device of yours' }).waitFor({ timeout: 30_000 })
  assert.match(await sheet.getByTestId('sync-sentence').textContent(), /with 2 files ignored/)
  await screenshot(page, 'sync-junk-ignored')

  await sheet.getByRole('button', { name: 'Clean Up' }).click()
  const done = sheet.getByRole('status')
  await done.waitFor({ timeout: 30_000 })
  const text = await done.textContent()
  assert.match(text, /Moved 2 files to .*Vaultbar-ignored-\d{4}-\d\d-\d\d\. Nothing was deleted\./)
  await screenshot(page, 'sync-junk-cleaned')
  const aside = text.match(/to (.*Vaultbar-ignored-\d{4}-\d\d-\d\d)\./)[1]
  for (const [i, p] of junk.entries()) {
    assert.equal(existsSync(p), false, `${p} is still in the sync folder`)
    assert.equal(readFileSync(path.join(aside, path.relative(root, p)), 'utf8'), `junk ${i}`)
  }
  assert.doesNotMatch(await sheet.getByTestId('sync-sentence').textContent(), /ignored/)
  await sheet.getByRole('button', { name: 'OK' }).click()
})
