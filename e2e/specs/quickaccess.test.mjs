// Quick Access in the real app under Xvfb: the global shortcut (sent with
// xdotool to the X server the app grabbed it on) opens the panel, typing
// searches, Enter copies the password and Ctrl+B the user name (read back
// from the X clipboard with xclip), and a locked vault asks for the
// password first.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { after, before, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { launchBrowser, openApp, screenshot, startApp, stopAll } from '../harness.mjs'
import { addRecord, createVault, loginPassword } from '../ui-helpers.mjs'

let browser, app, page

const clipboard = () => execFileSync('xclip', ['-o', '-selection', 'clipboard'], { encoding: 'utf8', timeout: 5_000 })

// The app registers the shortcut just after it starts; press until the panel shows.
async function pressShortcut() {
  const panel = page.getByRole('dialog', { name: 'Quick Access' })
  for (let i = 0; i < 20; i++) {
    execFileSync('xdotool', ['key', 'ctrl+shift+space'])
    try {
      await panel.waitFor({ timeout: 1_000 })
      return panel
    } catch {}
  }
  throw new Error(`the shortcut never opened Quick Access; app log:\n${app.log()}`)
}

before(async () => {
  browser = await launchBrowser()
  app = await startApp({ name: 'quick' })
  page = await openApp(browser, app)
  await createVault(page)
  await addRecord(page, { type: 'Login', name: 'GitHub', fields: { Username: 'octocat', Password: 'hunter2-but-longer' } })
  await addRecord(page, { type: 'Login', name: 'GitLab', fields: { Username: 'tanuki', Password: 'fox-in-the-lab' } })
})

after(async () => {
  await browser?.close()
  await stopAll()
})

test('the global shortcut opens Quick Access; Enter copies the password, Ctrl+B the user name', async () => {
  let panel = await pressShortcut()
  const search = panel.getByLabel('Quick Access search')
  assert.equal(await search.evaluate((el) => el === document.activeElement), true, 'the search field has focus')
  await search.pressSequentially('lab')
  await panel.getByRole('option', { name: /GitLab/, selected: true }).waitFor()
  assert.equal(await panel.getByRole('option').count(), 1)
  await screenshot(page, 'quick-access')
  await search.press('Enter')
  await panel.getByText('Copied the password of “GitLab”').waitFor()
  await panel.waitFor({ state: 'detached' })
  assert.equal(clipboard(), 'fox-in-the-lab')

  panel = await pressShortcut()
  await panel.getByLabel('Quick Access search').pressSequentially('hub')
  await panel.getByRole('option', { name: /GitHub/, selected: true }).waitFor()
  await page.keyboard.press('Control+b')
  await panel.waitFor({ state: 'detached' })
  assert.equal(clipboard(), 'octocat')
})

test('when locked, Quick Access asks for the password, then goes on with what was typed', async () => {
  await page.getByRole('button', { name: 'Lock' }).click()
  await page.getByRole('button', { name: 'Unlock' }).waitFor()
  const panel = await pressShortcut()
  const pw = panel.getByLabel(/Login password/)
  assert.equal(await pw.evaluate((el) => el === document.activeElement), true, 'the password field has focus')
  await panel.getByLabel('Quick Access search').fill('hub')
  await pw.fill(loginPassword)
  await screenshot(page, 'quick-access-locked')
  await pw.press('Enter')
  await panel.getByRole('option', { name: /GitHub/, selected: true }).waitFor({ timeout: 20_000 })
  await panel.getByLabel('Quick Access search').press('Enter')
  await panel.waitFor({ state: 'detached' })
  await sleep(100)
  assert.equal(clipboard(), 'hunter2-but-longer')
})
