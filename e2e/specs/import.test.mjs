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
