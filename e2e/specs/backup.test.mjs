// Restoring a backup from Preferences → Security: the sheet shows what the
// restore changes (a preview from the Go side) before anything changes,
// then the records are as they were in the backup, and what was made
// since is in Deleted Records.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { launchBrowser, openApp, screenshot, startApp, stopAll } from '../harness.mjs'
import { addRecord, createVault, listedNames, loginPassword, openPreferences, unlock } from '../ui-helpers.mjs'

let browser, app, page

before(async () => {
  browser = await launchBrowser()
  app = await startApp({ name: 'backup' })
  page = await openApp(browser, app)
  await createVault(page)
})

after(async () => {
  await browser?.close()
  await stopAll()
})

async function relock() {
  await page.getByRole('button', { name: 'Lock' }).click()
  await unlock(page)
}

test('restores a backup through the confirmation sheet', async () => {
  // A session's first save folds the journal into the vault file and keeps
  // the file it replaces as a backup.
  await addRecord(page, { type: 'Login', name: 'GitHub', fields: { Username: 'octocat' } })
  await relock()
  await addRecord(page, { type: 'Login', name: 'Bank', fields: { Username: 'mona' } }) // the file now has GitHub and Bank...
  await relock()
  await addRecord(page, { type: 'Login', name: 'Made later', fields: { Username: 'later' } }) // ...and is the newest backup
  await page.getByRole('option', { name: /GitHub/ }).click()
  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  const editor = page.getByRole('dialog', { name: /Edit/ })
  await editor.getByLabel('Username', { exact: true }).fill('changed-later')
  await editor.getByRole('button', { name: 'Save' }).click()
  await editor.waitFor({ state: 'detached' })
  assert.deepEqual(await listedNames(page), ['Bank', 'GitHub', 'Made later'])

  const prefs = await openPreferences(page, 'Security')
  const backups = prefs.getByRole('list', { name: 'Backups' })
  await backups.getByRole('button', { name: /^Restore / }).first().click()
  const sheet = page.getByRole('dialog', { name: 'Restore Backup' })
  await sheet.getByLabel('Login password:').fill(loginPassword)
  await sheet.getByRole('button', { name: 'Show Changes' }).click()
  const counts = sheet.getByRole('table', { name: 'What the restore changes' })
  await counts.waitFor()
  const cells = async (kind) => sheet.getByRole('row', { name: new RegExp(kind) }).locator('td').allTextContents()
  assert.deepEqual(await cells('Records'), ['1', '0', '1'], 'GitHub changed, Made later removed')
  assert.deepEqual(await cells('Groups'), ['0', '0', '0'])
  assert.deepEqual(await cells('Types'), ['0', '0', '0'])
  assert.deepEqual(await listedNames(page), ['Bank', 'GitHub', 'Made later'], 'the preview changed nothing')
  await screenshot(page, 'backup-restore-sheet')

  await sheet.getByRole('button', { name: 'Restore', exact: true }).click()
  await sheet.waitFor({ state: 'detached' })
  await prefs.getByRole('status').filter({ hasText: 'Restored backup' }).waitFor()
  await prefs.getByRole('button', { name: 'OK' }).click()
  await prefs.waitFor({ state: 'detached' })

  await page.waitForFunction(() => document.querySelectorAll('.records [role=option]').length === 2)
  assert.deepEqual(await listedNames(page), ['Bank', 'GitHub'])
  await page.getByRole('option', { name: /GitHub/ }).click()
  await page.getByTestId('value-Username').filter({ hasText: 'octocat' }).waitFor()
  await page.getByRole('button', { name: /Earlier Versions/ }).click()
  await page.getByRole('list', { name: 'Earlier versions' }).getByText('changed-later').waitFor()
  await page.getByRole('option', { name: /Deleted Records/ }).click()
  // The list asks Go for the new listing's first page: wait for it.
  await page.waitForFunction(() => document.querySelectorAll('.records [role=option]').length === 1)
  assert.deepEqual(await listedNames(page), ['Made later'])
  await screenshot(page, 'backup-restored')
})
