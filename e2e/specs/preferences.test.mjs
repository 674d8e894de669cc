// The preferences sheet against the real app: General settings saved on
// OK and dropped on Cancel, the login password changed on Security, and
// the Cloud Sync tab's three choices.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { launchBrowser, openApp, screenshot, startApp, stopAll } from '../harness.mjs'
import { createVault, loginPassword, openPreferences, unlock } from '../ui-helpers.mjs'

let browser, app, page

before(async () => {
  browser = await launchBrowser()
  app = await startApp({ name: 'prefs' })
  page = await openApp(browser, app)
  await createVault(page)
})

after(async () => {
  await browser?.close()
  await stopAll()
})

test('General settings are saved on OK and dropped on Cancel', async () => {
  let sheet = await openPreferences(page, 'General')
  assert.equal(await sheet.getByLabel('Clear clipboard after:').inputValue(), '30')
  assert.equal(await sheet.getByLabel('Lock when idle for:').inputValue(), '300')
  assert.equal(await sheet.getByLabel(/Dock/).count(), 0, 'no Dock setting on Linux')
  await screenshot(page, 'prefs-general')
  await sheet.getByLabel('Clear clipboard after:').selectOption('10')
  await sheet.getByRole('button', { name: 'Cancel' }).click()
  await sheet.waitFor({ state: 'detached' })
  assert.equal((await page.evaluate(() => window.go.main.PrefsAPI.Get())).clipboardClearSeconds, 30)

  sheet = await openPreferences(page, 'General')
  await sheet.getByLabel('Clear clipboard after:').selectOption('10')
  await sheet.getByLabel('Lock when idle for:').selectOption('600')
  await sheet.getByRole('button', { name: 'OK' }).click()
  await sheet.waitFor({ state: 'detached' })
  const saved = await page.evaluate(() => window.go.main.PrefsAPI.Get())
  assert.equal(saved.clipboardClearSeconds, 10)
  assert.equal(saved.idleLockSeconds, 600)
})

test('the keyboard shortcut opens the sheet and Escape closes it', async () => {
  await page.keyboard.press('Control+,')
  const sheet = page.getByRole('dialog', { name: 'Preferences' })
  await sheet.waitFor()
  await page.keyboard.press('Escape')
  await sheet.waitFor({ state: 'detached' })
})

test('Security changes the login password', async () => {
  const sheet = await openPreferences(page, 'Security')
  await sheet.getByLabel('Current password:', { exact: true }).fill('not it')
  await sheet.getByLabel('New password:', { exact: true }).fill('an even longer login passphrase')
  await sheet.getByLabel('Confirm new password:').fill('an even longer login passphrase')
  await sheet.getByRole('button', { name: 'Change Password' }).click()
  await sheet.getByRole('alert').filter({ hasText: 'not right' }).waitFor()
  await sheet.getByLabel('Current password:', { exact: true }).fill(loginPassword)
  await sheet.getByRole('button', { name: 'Change Password' }).click()
  await sheet.getByRole('status').filter({ hasText: 'was changed' }).waitFor()
  await screenshot(page, 'prefs-security')
  await sheet.getByRole('button', { name: 'OK' }).click()

  await page.getByRole('button', { name: 'Lock' }).click()
  await unlock(page, 'an even longer login passphrase')
})

test('Cloud Sync offers no sync, iCloud and a folder', async () => {
  const sheet = await openPreferences(page, 'Cloud Sync')
  const select = sheet.getByLabel('Cloud Sync:')
  assert.deepEqual(await select.locator('option').allTextContents(), ['No sync', 'Sync with iCloud', 'Sync with a folder'])
  await select.selectOption('icloud')
  await sheet.getByRole('note').filter({ hasText: 'iCloud is not available' }).waitFor()
  await screenshot(page, 'prefs-sync-icloud')
  await sheet.getByRole('button', { name: 'Cancel' }).click()
})
