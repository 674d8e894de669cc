// Sync with iCloud in Preferences → Cloud Sync: the tab says which iCloud
// folder is used and why (the app's container here), and says when iCloud
// Drive is off instead of offering a setup that would fail later. The
// system's answers come from the VAULTBAR_ICLOUD_* overrides.
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { launchBrowser, openApp, screenshot, startApp, stopAll } from '../harness.mjs'
import { createVault, openPreferences } from '../ui-helpers.mjs'

const tmp = (name) => mkdtempSync(path.join(os.tmpdir(), `vaultbar-${name}-`))
let browser

before(async () => {
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await stopAll()
})

async function icloudTab(env) {
  const app = await startApp({ name: 'icloud', env })
  const page = await openApp(browser, app)
  await createVault(page)
  const sheet = await openPreferences(page, 'Cloud Sync')
  await sheet.getByLabel('Cloud Sync:').selectOption('icloud')
  return { page, sheet }
}

test('the Cloud Sync tab says which iCloud folder is used and why', async () => {
  const { page, sheet } = await icloudTab({ VAULTBAR_ICLOUD_DIR: tmp('drive'), VAULTBAR_ICLOUD_CONTAINER: tmp('container') })
  const where = sheet.getByTestId('icloud-where')
  await where.waitFor()
  assert.match(await where.textContent(), /Vaultbar's own iCloud container, which iCloud Drive shows as Vaultbar/)
  await sheet.getByRole('heading', { name: 'Set New Cloud Sync Password' }).waitFor()
  await screenshot(page, 'icloud-container')
})

test('Sync with iCloud says iCloud Drive is off, and what to do', async () => {
  const { page, sheet } = await icloudTab({ VAULTBAR_ICLOUD_DIR: tmp('drive'), VAULTBAR_ICLOUD_ACCOUNT: 'drive-off' })
  const note = sheet.getByRole('note')
  await note.waitFor()
  const text = await note.textContent()
  assert.match(text, /iCloud Drive is turned off on this Mac/)
  assert.match(text, /Turn on iCloud Drive in System Settings/)
  assert.equal(await sheet.getByTestId('icloud-where').count(), 0)
  await screenshot(page, 'icloud-drive-off')
})
