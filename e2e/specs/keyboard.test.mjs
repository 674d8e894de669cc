// The window as a keyboard user meets it, against the real app: buttons
// inside the editor's form don't submit it, sheets keep the keyboard, and
// search leads somewhere, fast typing keeps one search in flight, and a new
// listing never shows the old one.
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

test('a sheet keeps the keyboard: Tab stays inside, ⌘F and ⌘, stay out, Esc closes from anywhere', async () => {
  await page.keyboard.press('Control+n')
  const sheet = page.getByRole('dialog', { name: 'New Record' })
  await sheet.waitFor()
  assert.equal(await sheet.getByLabel('Name', { exact: true }).evaluate((el) => el === document.activeElement), true, '⌘N focuses Name')
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab')
    assert.equal(await sheet.evaluate((el) => el.contains(document.activeElement)), true, `focus left the sheet after ${i + 1} Tabs`)
  }
  await page.keyboard.press('Control+f')
  await page.keyboard.press('Control+,')
  assert.equal(await page.getByRole('dialog').count(), 1, 'no second sheet')
  assert.equal(await sheet.evaluate((el) => el.contains(document.activeElement)), true)
  await screenshot(page, 'keyboard-sheet-trap')
  await page.keyboard.press('Escape')
  await sheet.waitFor({ state: 'detached' })
})

test('search leads somewhere: ↓ moves into the results with the first selected', async () => {
  await addRecord(page, { type: 'Login', name: 'GitLab', fields: { Username: 'tanuki' } })
  await addRecord(page, { type: 'Login', name: 'Netflix', fields: { Username: 'me' } })
  await page.getByRole('option', { name: /Netflix/ }).click()
  await page.keyboard.press('Control+f')
  const search = page.getByRole('searchbox', { name: 'Search records' })
  assert.equal(await search.evaluate((el) => el === document.activeElement), true, '⌘F focuses search')
  await search.pressSequentially('git')
  await page.waitForFunction(() => document.querySelectorAll('.records [role=option]').length === 2)
  // Netflix is no longer in the results, so the details don't show it.
  await page.getByRole('heading', { name: 'GitHub', exact: true }).waitFor()
  await search.press('ArrowDown')
  const list = page.getByRole('listbox', { name: /records$/ })
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'listbox')
  assert.equal(await list.getByRole('option', { selected: true }).textContent().then((t) => t.includes('GitHub')), true)
  await page.keyboard.press('ArrowDown')
  await page.getByRole('heading', { name: 'GitLab', exact: true }).waitFor()
  await screenshot(page, 'keyboard-search-down')
})

test('fast typing: one search in flight at a time, the last query answered last', async () => {
  const search = page.getByRole('searchbox', { name: 'Search records' })
  await search.fill('')
  await page.waitForFunction(() => document.querySelectorAll('.records [role=option]').length === 3)
  await page.evaluate(() => {
    const api = window.go.main.VaultAPI
    const page = api.Page
    window.__pages = { sent: [], inFlight: 0, most: 0 }
    api.Page = async (...a) => {
      const p = window.__pages
      p.sent.push(a[0].query)
      p.most = Math.max(p.most, ++p.inFlight)
      try {
        return await page(...a)
      } finally {
        p.inFlight--
      }
    }
  })
  await search.pressSequentially('gitla') // no delay between keys
  await page.waitForFunction(() => document.querySelectorAll('.records [role=option]').length === 1)
  assert.deepEqual(await listedNames(page), ['GitLab'])
  const sent = await page.evaluate(() => window.__pages)
  assert.equal(sent.most, 1, `requests in flight at once: ${JSON.stringify(sent)}`)
  assert.equal(sent.sent.at(-1), 'gitla')
  await search.fill('')
  await page.waitForFunction(() => document.querySelectorAll('.records [role=option]').length === 3)
})

test('a new listing never shows the rows or the record of the one before', async () => {
  await page.getByRole('option', { name: /Netflix/ }).click()
  await page.getByRole('heading', { name: 'Netflix', exact: true }).waitFor()
  const live = await listedNames(page)
  // Watch every change to the page while Deleted Records loads.
  await page.evaluate((live) => {
    window.__glitch = []
    const named = (el) => live.includes(el.textContent.replace(' ★', '').trim())
    window.__watch = new MutationObserver(() => {
      if (document.querySelector('.records h2')?.textContent !== 'Deleted Records') return
      for (const n of document.querySelectorAll('.records [role=option] .name')) if (named(n)) window.__glitch.push(`row ${n.textContent}`)
      for (const h of document.querySelectorAll('h2')) if (!h.closest('.records') && named(h)) window.__glitch.push(`details ${h.textContent}`)
    })
    window.__watch.observe(document.body, { subtree: true, childList: true, characterData: true })
  }, live)
  await page.getByRole('option', { name: /Deleted Records/ }).click()
  await page.getByText('No deleted records.').waitFor()
  const glitch = await page.evaluate(() => (window.__watch.disconnect(), window.__glitch))
  assert.deepEqual(glitch, [], 'Deleted Records showed a live record')
  await screenshot(page, 'keyboard-deleted-listing')
  await page.getByRole('option', { name: /All Records/ }).click()
  await page.waitForFunction(() => document.querySelectorAll('.records [role=option]').length === 3)
})
