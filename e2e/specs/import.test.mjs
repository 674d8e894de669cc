// The import sheet against the real app: a KeePass file made by
// keepassxc-cli, typed in (the dev build's stand-in for the file picker),
// its password asked for, a wrong one refused, the preview, confirm, and
// the records in the list; a damaged file says so and writes nothing.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { launchBrowser, openApp, screenshot, startApp, stopAll } from '../harness.mjs'
import { createVault, listedNames, openPreferences } from '../ui-helpers.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const richXML = path.join(here, '../../backend/interchange/keepass/testdata/rich.xml')

let browser, app, page, dir, kdbx

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'vaultbar-import-'))
  kdbx = path.join(dir, 'Passwords.kdbx')
  execFileSync('keepassxc-cli', ['import', '-q', '-t', '100', '-p', richXML, kdbx], { input: 'kp-pass\nkp-pass\n' })
  browser = await launchBrowser()
  app = await startApp({ name: 'import' })
  page = await openApp(browser, app)
  await createVault(page)
})

after(async () => {
  await browser?.close()
  await stopAll()
})

async function readFile(sheet, file) {
  await sheet.getByLabel('File:').fill(file)
  await sheet.getByRole('button', { name: 'Preview' }).click()
}

test('a damaged file is one sentence and a hint, and nothing is written', async () => {
  const cut = path.join(dir, 'cut.kdbx')
  const whole = readFileSync(kdbx)
  writeFileSync(cut, whole.subarray(0, whole.length / 2))
  const sheet = await openPreferences(page, 'General')
  await sheet.getByRole('button', { name: 'Import…' }).click()
  const imp = page.getByRole('dialog', { name: 'Import Passwords' })
  await readFile(imp, cut)
  await imp.getByLabel('Password of the file:').fill('kp-pass')
  await imp.getByRole('button', { name: 'Preview' }).click()
  await imp.getByRole('alert').filter({ hasText: 'damaged or cut short' }).waitFor()
  await screenshot(page, 'import-damaged')
  await imp.getByRole('button', { name: 'Cancel' }).click()
  assert.deepEqual(await listedNames(page), [])
})

test('choose a KeePass file, wrong password, preview, confirm: the records appear', async () => {
  await page.getByRole('note').getByRole('button', { name: 'Import…' }).click()
  const imp = page.getByRole('dialog', { name: 'Import Passwords' })
  await readFile(imp, kdbx)
  await imp.getByLabel('Password of the file:').fill('not it')
  await imp.getByRole('button', { name: 'Preview' }).click()
  await imp.getByRole('alert').filter({ hasText: 'not right' }).waitFor()
  await imp.getByLabel('Password of the file:').fill('kp-pass')
  await imp.getByRole('button', { name: 'Preview' }).click()
  const preview = imp.getByLabel('Preview')
  await preview.waitFor()
  const text = await preview.textContent()
  assert.match(text, /Will add 4 records/)
  assert.match(text, /Old mail: it is in the source's trash or recycle bin/)
  await screenshot(page, 'import-preview')
  assert.deepEqual(await listedNames(page), [], 'nothing written before Import')
  await imp.getByRole('button', { name: 'Import 4 Records' }).click()
  await imp.getByRole('status').filter({ hasText: 'Imported 4 records.' }).waitFor()
  assert.equal(await imp.getByRole('button', { name: 'Move File to Trash' }).count(), 0, 'an encrypted file needs no trashing')
  await imp.getByRole('button', { name: 'Done' }).click()
  await imp.waitFor({ state: 'detached' })
  await page.getByRole('option', { name: /db1/ }).waitFor()
  assert.deepEqual((await listedNames(page)).sort(), ['Bank', 'Forum', 'db1', 'https://untitled.example'].sort())
  assert.deepEqual(readdirSync(dir).sort(), ['Passwords.kdbx', 'cut.kdbx'], 'the source folder is as it was')
})

test('Export… writes an encrypted Vaultbar export, and a plaintext one only with consent', async () => {
  await page.evaluate(() => window.runtime.EventsEmit('app:export'))
  const sheet = page.getByRole('dialog', { name: 'Export Vault' })
  await sheet.waitFor()
  const out = path.join(dir, 'all.vbx')
  await sheet.getByLabel('Save as:').fill(out)
  await sheet.getByLabel('Export password:').fill('export pass')
  await sheet.getByLabel('Confirm password:').fill('export pass')
  await sheet.getByRole('button', { name: 'Export' }).click()
  await sheet.getByRole('status').filter({ hasText: 'Exported to' }).waitFor()
  assert.equal(readFileSync(out).subarray(0, 16).toString(), 'VAULTBAR-EXPORT\n')
  await sheet.getByRole('button', { name: 'Done' }).click()

  await page.evaluate(() => window.runtime.EventsEmit('app:export'))
  await sheet.getByLabel('Format:').selectOption('csv')
  await sheet.getByLabel('Save as:').fill(out)
  await sheet.getByRole('note').filter({ hasText: 'will not be encrypted' }).waitFor()
  await sheet.getByLabel(/I understand/).check()
  await sheet.getByRole('button', { name: 'Export' }).click()
  await sheet.getByRole('alert').filter({ hasText: 'already exists' }).waitFor()
  await screenshot(page, 'export-exists')
  await sheet.getByRole('button', { name: 'Cancel' }).click()
})

test('a generic CSV: its columns mapped in the column step, then the records appear', async () => {
  const csvDir = mkdtempSync(path.join(tmpdir(), 'vaultbar-import-csv-'))
  const csv = path.join(csvDir, 'other app.csv')
  writeFileSync(csv, 'Name,Site,Login,Secret,Pin\nMailbox,https://mail.example,gina@example.com,pw1,1234\nShop,https://shop.example,gina,pw2,\n')
  await page.evaluate(() => window.runtime.EventsEmit('app:import'))
  const imp = page.getByRole('dialog', { name: 'Import Passwords' })
  await imp.getByLabel('File:').fill(csv)
  await imp.getByLabel('Format:').selectOption('generic-csv')
  await imp.getByRole('button', { name: 'Preview' }).click()
  const columns = imp.getByRole('table', { name: 'Columns' })
  await columns.waitFor()
  assert.equal(await imp.getByLabel('Name', { exact: true }).inputValue(), 'title', 'guessed')
  assert.equal(await imp.getByLabel('Login', { exact: true }).inputValue(), 'username', 'guessed')
  assert.equal(await imp.getByLabel('Secret', { exact: true }).inputValue(), '', 'no guess: an extra field')
  await imp.getByLabel('Secret', { exact: true }).selectOption('password')
  await imp.getByLabel('Pin', { exact: true }).selectOption('-')
  await imp.getByLabel('Columns preview').filter({ hasText: 'will add 2 records' }).waitFor()
  await screenshot(page, 'import-columns')
  assert.deepEqual((await listedNames(page)).filter((n) => n === 'Mailbox' || n === 'Shop'), [], 'nothing written before Import')
  await imp.getByRole('button', { name: 'Continue' }).click()
  const preview = imp.getByLabel('Preview')
  await preview.waitFor()
  assert.match(await preview.textContent(), /Secret → Password/)
  await imp.getByRole('button', { name: 'Import 2 Records' }).click()
  await imp.getByRole('status').filter({ hasText: 'Imported 2 records.' }).waitFor()
  await imp.getByRole('button', { name: 'Done' }).click()
  await imp.waitFor({ state: 'detached' })
  await page.getByRole('option', { name: /Mailbox/ }).waitFor()
  const names = await listedNames(page)
  assert.ok(names.includes('Mailbox') && names.includes('Shop'), `listed: ${names}`)
  await page.getByRole('option', { name: /Mailbox/ }).click()
  await page.getByText('gina@example.com').first().waitFor()
  assert.deepEqual(readdirSync(csvDir), ['other app.csv'], 'the source folder is as it was')
})
