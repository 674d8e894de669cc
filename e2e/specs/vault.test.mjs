// The main window against the real app: create the vault, add records of
// two types, search, edit, reveal and copy, delete and restore, lock and
// unlock (button, keyboard, wrong password).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { launchBrowser, openApp, screenshot, startApp, stopAll } from '../harness.mjs'
import { addRecord, createVault, listedNames, loginPassword, unlock } from '../ui-helpers.mjs'

let browser, app, page

before(async () => {
  browser = await launchBrowser()
  app = await startApp({ name: 'vault' })
  page = await openApp(browser, app)
})

after(async () => {
  await browser?.close()
  await stopAll()
})

test('creates the vault with a login password typed twice', async () => {
  await page.getByRole('button', { name: 'Create Vault' }).waitFor()
  await page.getByLabel('Login password', { exact: true }).fill('short')
  await page.getByText(/Too easy to guess/).waitFor()
  assert.equal(await page.getByRole('button', { name: 'Create Vault' }).isDisabled(), true)
  await page.getByLabel('Login password', { exact: true }).fill(loginPassword)
  await page.getByLabel('Confirm login password').fill(loginPassword)
  await page.getByRole('meter', { name: 'Password strength' }).and(page.locator('[aria-valuenow="4"], [aria-valuenow="3"]')).waitFor()
  await screenshot(page, 'vault-create')
  await createVault(page)
})

test('adds a login and a credit card', async () => {
  await addRecord(page, {
    type: 'Login',
    name: 'GitHub',
    fields: { Username: 'octocat', Password: 'hunter2-but-longer', Website: 'https://github.com', 'One-Time Password': 'JBSWY3DPEHPK3PXP' },
  })
  await addRecord(page, { type: 'Credit Card', name: 'Visa', fields: { Cardholder: 'Mona Lisa', 'Card Number': '4111111111111111', 'Expiry Date': '12/29' } })
  assert.deepEqual(await listedNames(page), ['GitHub', 'Visa'])
  const all = page.getByRole('option', { name: /All Records/ })
  assert.match(await all.textContent(), /2/)
  await screenshot(page, 'vault-records')
})

test('the editor checks what it can and generates passwords', async () => {
  await page.getByRole('button', { name: 'New Record' }).click()
  const sheet = page.getByRole('dialog', { name: 'New Record' })
  await sheet.getByLabel('Website', { exact: true }).fill('not a url')
  await sheet.getByText('Enter a web address').waitFor()
  await sheet.getByRole('button', { name: 'Generate Password' }).click()
  const generated = sheet.getByTestId('generated')
  await page.waitForFunction(() => document.querySelector('[data-testid=generated]')?.textContent?.length >= 20)
  const pw = await generated.textContent()
  await screenshot(page, 'vault-generator')
  await sheet.getByRole('button', { name: 'Use Password' }).click()
  assert.equal(await sheet.getByLabel('Password', { exact: true }).inputValue(), pw)
  // The backend refuses a one-time password secret that gives no codes.
  await sheet.getByLabel('Name', { exact: true }).fill('Bad OTP')
  await sheet.getByLabel('Website', { exact: true }).fill('')
  await sheet.getByLabel('One-Time Password', { exact: true }).fill('not a secret!')
  await sheet.getByRole('button', { name: 'Add Record' }).click()
  const failure = sheet.locator('.failure')
  await failure.getByText(/not valid base32/).waitFor()
  await failure.getByText(/QR code/).waitFor()
  await screenshot(page, 'vault-otp-refused')
  await sheet.getByRole('button', { name: 'Cancel' }).click()
  await sheet.waitFor({ state: 'detached' })
})

test('searches names and non-secret fields, never secrets', async () => {
  const search = page.getByRole('searchbox', { name: 'Search records' })
  await search.fill('octo')
  await page.waitForFunction(() => document.querySelectorAll('[role=listbox] [role=option] .name').length === 1)
  assert.deepEqual(await listedNames(page), ['GitHub'])
  await search.fill('hunter2')
  await page.getByText('No records match').waitFor()
  await search.fill('')
  await page.waitForFunction(() => document.querySelectorAll('.records [role=option]').length === 2)
})

test('edits a record and keeps the earlier version', async () => {
  await page.getByRole('option', { name: /GitHub/ }).click()
  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  const sheet = page.getByRole('dialog', { name: /Edit/ })
  await sheet.getByLabel('Username', { exact: true }).fill('monalisa')
  await sheet.getByRole('button', { name: 'Save' }).click()
  await sheet.waitFor({ state: 'detached' })
  await page.getByTestId('value-Username').filter({ hasText: 'monalisa' }).waitFor()
  await page.getByRole('button', { name: /Earlier Versions/ }).click()
  await page.getByRole('list', { name: 'Earlier versions' }).getByText('octocat').waitFor()
})

test('shows the current one-time code, never its secret', async () => {
  await page.getByRole('option', { name: /GitHub/ }).click()
  const row = page.getByTestId('value-One-Time Password')
  await row.getByLabel('One-Time Password code').waitFor()
  assert.match(await row.getByLabel('One-Time Password code').textContent(), /^\d{3} \d{3}$/)
  assert.match(await row.textContent(), /\d+s/)
  assert.doesNotMatch(await row.textContent(), /JBSWY3DP/)
})

test('reveals and copies a password', async () => {
  const row = page.getByRole('group', { name: 'Password', exact: true })
  assert.doesNotMatch(await row.textContent(), /hunter2/)
  await row.getByRole('button', { name: 'Reveal Password' }).click()
  await row.getByText(/hunter2-but-longer/).waitFor() // the value comes from Go on Reveal
  assert.match(await row.textContent(), /hunter2-but-longer/)
  await row.getByRole('button', { name: 'Copy Password' }).click()
  await page.getByRole('status').filter({ hasText: 'Password copied; the clipboard clears in 30 s' }).waitFor()
  await screenshot(page, 'vault-details')
})

test('deletes to Deleted Records, shows it read-only with its count, and restores', async () => {
  await page.getByRole('button', { name: 'Delete Record' }).click()
  await page.getByRole('status').filter({ hasText: 'moved to Deleted Records' }).waitFor()
  await page.waitForFunction(() => document.querySelectorAll('.records [role=option]').length === 1)
  const deleted = page.getByRole('option', { name: /Deleted Records/ })
  assert.match(await deleted.textContent(), /1/)
  await deleted.click()
  await page.getByRole('option', { name: /GitHub/ }).click()
  await page.getByRole('heading', { name: 'GitHub', exact: true }).waitFor()
  await page.getByText(/in Deleted Records/).waitFor()
  assert.equal(await page.getByRole('button', { name: 'Edit', exact: true }).count(), 0)
  // Secrets are masked until revealed, as for a live record; the value comes from Go.
  const pw = page.getByRole('group', { name: 'Password', exact: true })
  assert.doesNotMatch(await pw.textContent(), /hunter2/)
  await pw.getByRole('button', { name: 'Reveal Password' }).click()
  await pw.getByText('hunter2-but-longer').waitFor()
  await page.getByTestId('value-Username').filter({ hasText: 'monalisa' }).waitFor()
  await screenshot(page, 'vault-deleted-record')
  await page.getByRole('button', { name: 'Restore', exact: true }).click()
  await page.getByRole('heading', { name: 'GitHub', exact: true }).waitFor()
  await page.getByRole('button', { name: 'Edit', exact: true }).waitFor()
})

test('deletes a record permanently from Deleted Records, after a confirmation', async () => {
  await addRecord(page, { type: 'Login', name: 'Old Bank', fields: { Username: 'gone', Password: 'purge-me-please' } })
  await page.getByRole('option', { name: /Old Bank/ }).click()
  await page.getByRole('button', { name: 'Delete Record' }).click()
  await page.getByRole('status').filter({ hasText: 'moved to Deleted Records' }).waitFor()
  await page.getByRole('option', { name: /Deleted Records/ }).click()
  await page.getByRole('option', { name: /Old Bank/ }).click()
  await page.getByRole('button', { name: 'Delete Permanently…' }).click()
  const sheet = page.getByRole('dialog', { name: 'Delete “Old Bank” permanently?' })
  await sheet.getByText(/can't be restored/).waitFor()
  await sheet.getByText(/backups/).waitFor()
  await page.waitForTimeout(300) // the sheet's drop-in animation
  await screenshot(page, 'vault-purge-confirm')
  await sheet.getByRole('button', { name: 'Delete Permanently' }).click()
  await page.getByRole('status').filter({ hasText: '“Old Bank” deleted permanently' }).waitFor()
  await page.getByText('No deleted records.').waitFor()
  assert.match(await page.getByRole('option', { name: /Deleted Records/ }).textContent(), /0/)
  await page.getByRole('option', { name: /All Records/ }).click()
  await page.waitForFunction(() => document.querySelectorAll('.records [role=option]').length === 2)
})

test('adds a group and a record type', async () => {
  await page.getByRole('button', { name: 'New Group' }).click()
  await page.getByLabel('Group name').fill('Travel')
  await page.getByRole('dialog').getByRole('button', { name: 'Add Group' }).click()
  await page.getByRole('group', { name: 'Groups' }).getByRole('option', { name: /Travel/ }).waitFor()

  await page.getByRole('button', { name: 'Manage Types…' }).click()
  const sheet = page.getByRole('dialog', { name: 'Record Types' })
  await sheet.getByRole('button', { name: 'New Type' }).click()
  await sheet.getByLabel('Name').fill('Locker')
  await sheet.getByRole('button', { name: 'Add Field' }).click()
  await sheet.getByLabel('Label of field 1').fill('Combination')
  await sheet.getByLabel('Kind of field 1').selectOption('pin')
  await sheet.getByRole('button', { name: 'Add Type' }).click()
  await sheet.getByRole('option', { name: 'Locker' }).waitFor()
  await screenshot(page, 'vault-types')
  await sheet.getByRole('button', { name: 'Done' }).click()
  await page.getByRole('group', { name: 'Types' }).getByRole('option', { name: /Locker/ }).waitFor()
})

test('a deleted built-in type is listed and comes back', async () => {
  await page.getByRole('button', { name: 'Manage Types…' }).click()
  const sheet = page.getByRole('dialog', { name: 'Record Types' })
  await sheet.getByRole('option', { name: 'Wi-Fi' }).click()
  await sheet.getByRole('button', { name: 'Delete Type…' }).click()
  await sheet.getByText('It can be restored later.').waitFor()
  await sheet.getByRole('button', { name: 'Delete Type', exact: true }).click()
  const deleted = sheet.getByRole('list', { name: 'Deleted types' })
  await deleted.getByText('Wi-Fi').waitFor()
  assert.equal(await sheet.getByRole('option', { name: 'Wi-Fi' }).count(), 0)
  await screenshot(page, 'vault-types-deleted')
  await deleted.getByRole('button', { name: 'Restore type Wi-Fi' }).click()
  await sheet.getByRole('option', { name: 'Wi-Fi', selected: true }).waitFor()
  assert.equal(await sheet.getByRole('list', { name: 'Deleted types' }).count(), 0)
  await sheet.getByRole('button', { name: 'Done' }).click()
  await page.getByRole('group', { name: 'Types' }).getByRole('option', { name: /Wi-Fi/ }).waitFor()
})

test('locks from the button and the keyboard; a wrong password says so', async () => {
  await page.getByRole('button', { name: 'Lock' }).click()
  await page.getByRole('button', { name: 'Unlock' }).waitFor()
  assert.equal(await page.getByText('GitHub').count(), 0, 'no record is left on the page')
  await page.getByLabel('Login password', { exact: true }).fill('wrong password')
  await page.getByRole('button', { name: 'Unlock' }).click()
  const alert = page.getByRole('alert')
  await alert.waitFor()
  assert.match(await alert.textContent(), /login password is not right/)
  await screenshot(page, 'vault-wrong-password')
  await unlock(page)
  await page.waitForFunction(() => document.querySelectorAll('.records [role=option]').length === 2)
  assert.deepEqual(await listedNames(page), ['GitHub', 'Visa'])

  await page.keyboard.press('Control+l')
  await page.getByRole('button', { name: 'Unlock' }).waitFor()
  await unlock(page)
})

test('follows the dark appearance', async () => {
  const dark = await openApp(browser, app, { colorScheme: 'dark' })
  await dark.getByRole('option', { name: /GitHub/ }).click()
  await dark.getByRole('heading', { name: 'GitHub', exact: true }).waitFor()
  const bg = await dark.evaluate(() => getComputedStyle(document.body).backgroundColor)
  assert.equal(bg, 'rgb(30, 30, 30)')
  await screenshot(dark, 'vault-dark')
  await dark.close()
})
