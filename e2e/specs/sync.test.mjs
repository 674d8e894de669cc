// Cloud sync between two app instances with their own data folders, through
// a shared folder: set up with a new password on the first and the existing
// one on the second, an edit on one appears on the other, reveal the sync
// password, change it on one and enter it on the other.
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { launchBrowser, openApp, screenshot, startApps, stopAll } from '../harness.mjs'
import { addRecord, createVault, openPreferences } from '../ui-helpers.mjs'

const folder = mkdtempSync(path.join(os.tmpdir(), 'vaultbar-sync-'))
const syncPassword = 'a long cloud sync passphrase'
const newSyncPassword = 'another long cloud sync passphrase'
let browser, a, b, pageA, pageB

before(async () => {
  browser = await launchBrowser()
  ;[a, b] = await startApps(2, { name: 'sync' })
  pageA = await openApp(browser, a)
  pageB = await openApp(browser, b)
  await createVault(pageA)
  await createVault(pageB)
})

after(async () => {
  await browser?.close()
  await stopAll()
})

async function setUpFolderSync(page, heading, { confirm }) {
  const sheet = await openPreferences(page, 'Cloud Sync')
  await sheet.getByLabel('Cloud Sync:').selectOption('folder')
  await sheet.getByLabel('Folder:').fill(folder)
  await sheet.getByRole('heading', { name: heading }).waitFor()
  await sheet.getByLabel('Cloud sync password:').fill(syncPassword)
  if (confirm) await sheet.getByLabel('Confirm:').fill(syncPassword)
  await screenshot(page, `sync-setup-${confirm ? 'new' : 'existing'}`)
  await sheet.getByRole('button', { name: 'Set', exact: true }).click()
  await sheet.getByRole('button', { name: 'Change Password' }).waitFor({ timeout: 30_000 })
  assert.equal(await sheet.getByLabel('Auto-sync').isChecked(), true, 'auto-sync is on by default')
  await screenshot(page, `sync-configured-${confirm ? 'first' : 'second'}`)
  await sheet.getByRole('button', { name: 'OK' }).click()
  await sheet.waitFor({ state: 'detached' })
}

async function syncNow(page) {
  await page.getByRole('button', { name: 'Sync Now' }).click()
}

// waitForRecord waits for a record to show up with no action on that
// device: auto-sync publishes it on the other, the folder watcher here
// notices the new file, and the list updates from the vault:changed event.
async function waitForRecord(page, name, timeout = 30_000) {
  await page.getByRole('option', { name: new RegExp(name) }).waitFor({ timeout })
}

test('the Sync button is inactive until sync is set up', async () => {
  assert.equal(await pageA.getByRole('button', { name: 'Sync Now' }).isDisabled(), true)
})

test('sets up the first device with a new password, the second with the existing one', async () => {
  await setUpFolderSync(pageA, 'Set New Cloud Sync Password', { confirm: true })
  await setUpFolderSync(pageB, 'Set Existing Cloud Sync Password', { confirm: false })
  assert.equal(await pageA.getByRole('button', { name: 'Sync Now' }).isDisabled(), false)
})

test('a record added on one device appears on the other with no action', async () => {
  await addRecord(pageA, { type: 'Login', name: 'Shared Login', fields: { Username: 'both@example.com' } })
  await waitForRecord(pageB, 'Shared Login')
  await pageB.getByTestId('sync-status').waitFor()
  await screenshot(pageB, 'sync-arrived')
})

test('reveals the cloud sync password behind <click to show>', async () => {
  const sheet = await openPreferences(pageA, 'Cloud Sync')
  await sheet.getByRole('button', { name: '<click to show>' }).click()
  assert.equal(await sheet.getByTestId('sync-password').textContent(), syncPassword)
  await screenshot(pageA, 'sync-password-shown')
  await sheet.getByRole('button', { name: 'Cancel' }).click()
})

test('a password changed on one device is asked for on the other', async () => {
  let sheet = await openPreferences(pageA, 'Cloud Sync')
  await sheet.getByRole('button', { name: 'Change Password' }).click()
  await sheet.getByLabel('New password:').fill(newSyncPassword)
  await sheet.getByLabel('Confirm:').fill(newSyncPassword)
  await sheet.getByRole('button', { name: 'Set', exact: true }).click()
  await sheet.getByRole('button', { name: 'Change Password' }).waitFor({ timeout: 30_000 })
  await sheet.getByRole('button', { name: 'OK' }).click()

  await addRecord(pageA, { type: 'Secure Note', name: 'After the change', fields: { Note: 'hello' } })
  await syncNow(pageA)

  // B notices the new key file by itself (the folder is watched) and says
  // what to do.
  const status = pageB.getByTestId('sync-status')
  await status.filter({ hasText: /password/i }).waitFor({ timeout: 30_000 })
  await screenshot(pageB, 'sync-needs-password')
  await status.click()
  sheet = pageB.getByRole('dialog', { name: 'Preferences' })
  await sheet.getByLabel('Cloud sync password:').fill(newSyncPassword)
  await sheet.getByRole('button', { name: 'Set', exact: true }).click()
  await sheet.getByRole('button', { name: 'Change Password' }).waitFor({ timeout: 30_000 })
  await sheet.getByRole('button', { name: 'OK' }).click()
  await waitForRecord(pageB, 'After the change')
})
