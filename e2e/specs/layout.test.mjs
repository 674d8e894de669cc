// The window's geometry at the widths people use, light and dark: copy and
// reveal stay next to their values in a wide window, a long record name
// can be read in full, the editor's controls share one left and one right
// edge, labels don't wrap, and a sheet stands apart from the window behind.
// Each case saves a screenshot to look at (test-results/layout-*.png).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { launchBrowser, openApp, screenshot, startApp, stopAll } from '../harness.mjs'
import { addRecord, createVault } from '../ui-helpers.mjs'

let browser, app

const longName = 'Municipal Employees Credit Union of Greater Springfield — Joint Savings and Checking (Online Banking)'
const sizes = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
]
const schemes = ['light', 'dark']

before(async () => {
  browser = await launchBrowser()
  app = await startApp({ name: 'layout' })
  const page = await openApp(browser, app)
  await createVault(page)
  await addRecord(page, {
    type: 'Login',
    name: 'GitHub',
    fields: { Username: 'octocat', Password: 'hunter2-but-longer', Website: 'https://github.com' },
  })
  await addRecord(page, { type: 'Login', name: longName, fields: { Username: 'joint' } })
  await page.close()
})

after(async () => {
  await browser?.close()
  await stopAll()
})

/** Opens the app in a new page of the given size and scheme, unlocked. */
async function pageAt(size, colorScheme) {
  const page = await openApp(browser, app, { viewport: size, colorScheme })
  await page.getByRole('button', { name: 'Lock' }).waitFor({ timeout: 20_000 })
  return page
}

/** The right edge of a field value's text (not of its grid cell), and the left edge of its first button. */
function gaps(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.details .fields [role=group]')].map((row) => {
      const value = row.querySelector('.value')
      const range = document.createRange()
      range.selectNodeContents(value)
      const text = range.getBoundingClientRect()
      const button = row.querySelector('.tools button').getBoundingClientRect()
      return { label: row.getAttribute('aria-label'), gap: button.left - text.right }
    }),
  )
}

for (const size of sizes) {
  for (const scheme of schemes) {
    const tag = `${size.width}-${scheme}`

    test(`${tag}: copy and reveal stay next to their values; a long name reads in full`, async () => {
      const page = await pageAt(size, scheme)
      await page.getByRole('option', { name: /GitHub/ }).click()
      await page.getByRole('heading', { name: 'GitHub', exact: true }).waitFor()
      for (const { label, gap } of await gaps(page)) {
        assert.ok(gap >= 0 && gap <= 40, `${label}: the first button is ${gap}px from the end of its value`)
      }
      await screenshot(page, `layout-details-${tag}`)

      await page.getByRole('option', { name: /Municipal/ }).click()
      const h = page.getByRole('heading', { name: longName, exact: true })
      await h.waitFor()
      const fits = await h.evaluate((el) => el.scrollWidth <= el.clientWidth && getComputedStyle(el).textOverflow !== 'ellipsis')
      assert.ok(fits, 'the long name is cut off in the details pane')
      await screenshot(page, `layout-long-name-${tag}`)
      await page.close()
    })

    test(`${tag}: the editor's controls line up; labels don't wrap; no generator for a card number`, async () => {
      const page = await pageAt(size, scheme)
      await page.getByRole('button', { name: 'New Record' }).click()
      const sheet = page.getByRole('dialog', { name: 'New Record' })
      await sheet.getByLabel('Type').selectOption({ label: 'Login' })
      const edges = await sheet.evaluate((el) =>
        [...el.querySelectorAll('.grid > select, .grid > input, .grid > textarea, .grid .field > input, .grid .field > textarea')].map((c) => {
          const r = c.getBoundingClientRect()
          return { id: c.id, left: Math.round(r.left), right: Math.round(r.right) }
        }),
      )
      assert.ok(edges.length >= 6, `found only ${edges.length} controls`)
      for (const e of edges) {
        assert.equal(e.left, edges[0].left, `${e.id} starts at ${e.left}, ${edges[0].id} at ${edges[0].left}`)
        assert.equal(e.right, edges[0].right, `${e.id} ends at ${e.right}, ${edges[0].id} at ${edges[0].right}`)
      }
      const [otp, name] = await Promise.all(
        ['One-Time Password', 'Name'].map((l) => sheet.locator('.grid > label', { hasText: l }).first().evaluate((el) => el.getBoundingClientRect().height)),
      )
      assert.equal(otp, name, '"One-Time Password" wraps')

      // The dark sheet stands apart: the scrim darkens the window behind it.
      const scrim = await page.locator('.scrim').evaluate((el) => getComputedStyle(el).backgroundColor)
      const alpha = Number(scrim.match(/rgba?\(([^)]+)\)/)[1].split(',')[3] ?? 1)
      assert.ok(alpha >= (scheme === 'dark' ? 0.4 : 0.1), `the scrim is ${scrim}`)
      await page.waitForTimeout(300) // the sheet's drop-in animation
      await screenshot(page, `layout-editor-${tag}`)

      await sheet.getByLabel('Type').selectOption({ label: 'Credit Card' })
      await sheet.getByLabel('Card Number', { exact: true }).waitFor()
      assert.equal(await sheet.getByRole('button', { name: 'Generate Card Number' }).count(), 0)
      await sheet.getByRole('button', { name: 'Cancel' }).click()
      await page.close()
    })
  }
}

test('Tab passes the group check boxes in one stop', async () => {
  const page = await pageAt(sizes[0], 'light')
  await page.getByRole('button', { name: 'New Record' }).click()
  const groups = page.getByRole('dialog', { name: 'New Record' }).getByRole('group', { name: 'Groups' })
  const boxes = groups.getByRole('checkbox')
  assert.ok((await boxes.count()) >= 2, 'the default groups are there')
  await boxes.first().focus()
  await page.keyboard.press('Tab')
  const inGroups = await groups.evaluate((el) => el.contains(document.activeElement))
  assert.equal(inGroups, false, 'Tab moved to another group check box')
  await page.close()
})
