// Recovering a damaged vault from the lock screen: a byte flipped in the
// journal makes unlock fail; the lock screen says what recovery would bring
// back and offers Recover…, which asks, rebuilds the vault from every copy
// still intact, unlocks it and keeps the damaged file beside the vault.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
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

test('recovers a vault whose journal has a flipped byte', async () => {
  const first = await startApp({ name: 'recover' })
  let page = await openApp(browser, first)
  await createVault(page)
  await addRecord(page, { type: 'Login', name: 'GitHub', fields: { Username: 'octocat' } })
  await page.getByRole('button', { name: 'Lock' }).click()
  await unlock(page) // folds GitHub into vault.vbv; the next edits go to the journal
  for (const name of ['Bank', 'Mail', 'Shop']) await addRecord(page, { type: 'Login', name, fields: { Username: name } })
  await page.close()
  await first.stop()

  const vaultDir = path.join(first.home, 'vault')
  flipMiddleByte(path.join(vaultDir, 'vault.vbj'))

  const app = await startApp({ name: 'recover', home: first.home })
  page = await openApp(browser, app)
  await page.getByLabel('Login password', { exact: true }).fill(loginPassword)
  await page.getByRole('button', { name: 'Unlock' }).click()
  const problem = page.getByRole('alert')
  await problem.filter({ hasText: 'vault.vbj is damaged' }).waitFor({ timeout: 20_000 })
  const text = await problem.textContent()
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
  assert.deepEqual(damagedFiles(vaultDir), [], 'the preview changed nothing')

  await sheet.getByRole('button', { name: 'Recover Vault' }).click()
  await page.getByRole('button', { name: 'Lock' }).waitFor({ timeout: 20_000 })
  await page.getByRole('status').filter({ hasText: 'Vault recovered:' }).waitFor()
  const names = await listedNames(page)
  assert.ok(names.includes('GitHub'), `GitHub, from vault.vbv, is back: ${names}`)
  assert.ok(names.length >= 2, `the journal's intact saves are back too: ${names}`)
  assert.equal(damagedFiles(vaultDir).length, 1, 'the damaged journal is kept beside the vault')
  await screenshot(page, 'recover-unlocked')
})

function damagedFiles(dir) {
  return readdirSync(dir).filter((n) => n.startsWith('vault.vbj.damaged-'))
}
