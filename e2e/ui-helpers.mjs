// Steps the main-window and preferences specs share, written against the
// UI's accessible names (roles and labels), as a person would see them.

export const loginPassword = 'correct horse battery staple'

/** Creates the vault on first run and waits for the main window. */
export async function createVault(page, password = loginPassword) {
  await page.getByRole('button', { name: 'Create Vault' }).waitFor()
  await page.getByLabel('Login password', { exact: true }).fill(password)
  await page.getByLabel('Confirm login password').fill(password)
  await page.getByRole('button', { name: 'Create Vault' }).click()
  await page.getByRole('button', { name: 'Lock' }).waitFor({ timeout: 20_000 })
}

/** Unlocks the vault and waits for the main window. */
export async function unlock(page, password = loginPassword) {
  await page.getByLabel('Login password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await page.getByRole('button', { name: 'Lock' }).waitFor({ timeout: 20_000 })
}

/**
 * Adds a record through the editor. fields maps labels to values.
 * @param {import('playwright-core').Page} page
 */
export async function addRecord(page, { type, name, fields = {} }) {
  await page.getByRole('button', { name: 'New Record' }).click()
  const sheet = page.getByRole('dialog', { name: 'New Record' })
  await sheet.getByLabel('Type').selectOption({ label: type })
  await sheet.getByLabel('Name', { exact: true }).fill(name)
  for (const [label, value] of Object.entries(fields)) {
    await sheet.getByLabel(label, { exact: true }).fill(value)
  }
  await sheet.getByRole('button', { name: 'Add Record' }).click()
  await sheet.waitFor({ state: 'detached' })
  await page.getByRole('heading', { name, exact: true }).waitFor()
}

/** The record list's entries, as their visible names. */
export async function listedNames(page) {
  const list = page.getByRole('listbox', { name: /records$/ })
  return list.locator('[role=option] .name').allTextContents()
}

/** Opens the preferences sheet at a tab. */
export async function openPreferences(page, tab = 'General') {
  await page.getByRole('button', { name: 'Preferences' }).click()
  const sheet = page.getByRole('dialog', { name: 'Preferences' })
  await sheet.getByRole('tab', { name: tab }).click()
  return sheet
}
