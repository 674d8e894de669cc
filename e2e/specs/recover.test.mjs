// Recovering a damaged vault from the lock screen: a byte flipped in the
// journal makes unlock fail; the lock screen says what recovery would bring
// back and offers Recover…, which asks, rebuilds the vault from every copy
// still intact, unlocks it and keeps the damaged file beside the vault.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { launchBrowser, openApp, screenshot, startApp, stopAll } from '../harness.mjs'
import { addRecord, createVault, listedNames, loginPassword, unlock } from '../ui-helpers.mjs'

let browser

before(async () => {
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await stopAll()
})

/** Flips one byte in the middle of a file, as a bad disk sector would. */
function flipMiddleByte(file) {
  const b = readFileSync(file)
  b[Math.floor(b.length / 2)] ^= 0xff
  writeFileSync(file, b)
}

/** Makes a vault: GitHub folded into vault.vbv (and a backup), three more records in its journal. */
async function madeVault() {
  const app = await startApp({ name: 'recover' })
  const page = await openApp(browser, app)
  await createVault(page)
  await addRecord(page, { type: 'Login', name: 'GitHub', fields: { Username: 'octocat' } })
  await page.getByRole('button', { name: 'Lock' }).click()
  await unlock(page) // folds GitHub into vault.vbv; the next edits go to the journal
  for (const name of ['Bank', 'Mail', 'Shop']) await addRecord(page, { type: 'Login', name, fields: { Username: name } })
  await page.close()
  await app.stop()
  return app.home
}

/** Starts the app again on home and unlocks: it fails with the problem shown. */
async function unlockDamaged(home, shows) {
  const app = await startApp({ name: 'recover', home })
  const page = await openApp(browser, app)
  await page.getByLabel('Login password', { exact: true }).fill(loginPassword)
  await page.getByRole('button', { name: 'Unlock' }).click()
  const problem = page.getByRole('alert').filter({ hasText: shows })
  await problem.waitFor({ timeout: 20_000 })
  return { page, text: await problem.textContent() }
}

/** Recover… → Recover Vault: unlocked, says so; returns the names listed. */
async function recoverThroughSheet(page) {
  await page.getByRole('button', { name: 'Recover…' }).click({ timeout: 20_000 })
  const sheet = page.getByRole('dialog', { name: 'Recover the Vault?' })
  await sheet.getByText('Damaged files are kept beside the vault, never deleted.').waitFor()
  await sheet.getByRole('button', { name: 'Recover Vault' }).click()
  await page.getByRole('button', { name: 'Lock' }).waitFor({ timeout: 20_000 })
  await page.getByRole('status').filter({ hasText: 'Vault recovered:' }).waitFor()
  return listedNames(page)
}

test('recovers a vault whose journal has a flipped byte', async () => {
  const home = await madeVault()
  const vaultDir = path.join(home, 'vault')
  flipMiddleByte(path.join(vaultDir, 'vault.vbj'))

  const { page, text } = await unlockDamaged(home, 'vault.vbj is damaged')
  assert.match(text, /Choose Recover… to rebuild it from every copy that is still intact: .*records? from/)
  assert.doesNotMatch(text, /vaultbar recover/)
  assert.match(text, /may be missing: .*vault\.vbj/)
  const recover = page.getByRole('button', { name: 'Recover…' })
  await recover.waitFor({ timeout: 20_000 })
  await screenshot(page, 'recover-lock-screen')

  await recover.click()
  const sheet = page.getByRole('dialog', { name: 'Recover the Vault?' })
  await sheet.getByText('Damaged files are kept beside the vault, never deleted.').waitFor()
  assert.match(await sheet.textContent(), /may be missing: .*vault\.vbj/)
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
  await screenshot(page, 'recover-sheet')
  await sheet.getByRole('button', { name: 'Cancel' }).click()
  assert.deepEqual(damagedFiles(vaultDir, 'vault.vbj'), [], 'the preview and Cancel changed nothing')

  const names = await recoverThroughSheet(page)
  assert.ok(names.includes('GitHub'), `GitHub, from vault.vbv, is back: ${names}`)
  assert.ok(names.length >= 2, `the journal's intact saves are back too: ${names}`)
  assert.equal(damagedFiles(vaultDir, 'vault.vbj').length, 1, 'the damaged journal is kept beside the vault')
  await screenshot(page, 'recover-unlocked')
  await page.close()
})

test('recovers every record when vault.vbv is deleted', async () => {
  const home = await madeVault()
  rmSync(path.join(home, 'vault', 'vault.vbv'))
  const { page, text } = await unlockDamaged(home, 'damaged')
  assert.match(text, /Choose Recover…/)
  assert.deepEqual(await recoverThroughSheet(page), ['Bank', 'GitHub', 'Mail', 'Shop'])
  await page.close()
})

test('offers Recover… for a flipped version byte, a newer format that is damage', async () => {
  const home = await madeVault()
  const file = path.join(home, 'vault', 'vault.vbv')
  const b = readFileSync(file)
  b[Buffer.byteLength('VAULTBAR-VAULT\n') + 1] = 2
  writeFileSync(file, b)
  const { page, text } = await unlockDamaged(home, 'newer version')
  assert.match(text, /Update Vaultbar to open it; if no newer Vaultbar ever saved it, the file is damaged: choose Recover…/)
  assert.deepEqual(await recoverThroughSheet(page), ['Bank', 'GitHub', 'Mail', 'Shop'])
  assert.equal(damagedFiles(path.join(home, 'vault'), 'vault.vbv').length, 1, 'the newer-looking file is kept')
  await page.close()
})

function damagedFiles(dir, name) {
  return readdirSync(dir).filter((n) => n.startsWith(`${name}.damaged-`))
}
