// The window as a keyboard user meets it, against the real app: buttons
// inside the editor's form don't submit it, sheets keep the keyboard, and
// search leads somewhere.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { launchBrowser, openApp, screenshot, startApp, stopAll } from '../harness.mjs'
import { addRecord, createVault, listedNames } from '../ui-helpers.mjs'

let browser, app, page

before(async () => {
  browser = await launchBrowser()
  app = await startApp({ name: 'keyboard' })
  page = await openApp(browser, app)
  await createVault(page)
  await addRecord(page, { type: 'Login', name: 'GitHub', fields: { Username: 'octocat', Password: 'hunter2-but-longer' } })
})

after(async () => {
  await browser?.close()
  await stopAll()
})

test("the generator's ↻ makes another password and does not save the record", async () => {
  await page.getByRole('button', { name: 'New Record' }).click()
  const sheet = page.getByRole('dialog', { name: 'New Record' })
  await sheet.getByLabel('Name', { exact: true }).fill('Dice')
  await sheet.getByRole('button', { name: 'Generate Password' }).click()
  await page.waitForFunction(() => document.querySelector('[data-testid=generated]')?.textContent?.length >= 20)
  const first = await sheet.getByTestId('generated').textContent()
  await sheet.getByRole('button', { name: 'Generate another' }).click()
  await page.waitForFunction((was) => {
    const now = document.querySelector('[data-testid=generated]')?.textContent
    return now && now !== was
  }, first)
  await screenshot(page, 'keyboard-generate-another')
  assert.equal(await sheet.isVisible(), true, 'the sheet is still open')
  assert.deepEqual(await listedNames(page), ['GitHub'], 'nothing was saved')
  await sheet.getByRole('contentinfo').getByRole('button', { name: 'Cancel' }).click()
  await sheet.waitFor({ state: 'detached' })
})
