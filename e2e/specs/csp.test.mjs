// The page holds no secret it doesn't show, and runs no script but its
// own: the Content-Security-Policy of frontend/index.html is in force (a
// record named like markup is text; injected inline scripts, handlers and
// eval are refused), the app itself causes no violation, and a record's
// secret reaches the page only when revealed.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { launchBrowser, openApp, screenshot, startApp, stopAll } from '../harness.mjs'
import { addRecord, createVault } from '../ui-helpers.mjs'

let browser, app, page

// Installed before any page script: every CSP violation, in order.
const recordViolations = () => {
  window.__violations = []
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
  )
}

before(async () => {
  browser = await launchBrowser()
  app = await startApp({ name: 'csp' })
  page = await openApp(browser, app)
  await page.addInitScript(recordViolations)
  await page.reload()
  await page.waitForFunction(() => window.go?.main?.App !== undefined)
  await createVault(page)
})

after(async () => {
  await browser?.close()
  await stopAll()
})

const violations = () => page.evaluate(() => window.__violations)

test('the policy is set and the app runs under it without a violation', async () => {
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
  for (const d of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'"]) {
    assert.ok(csp.includes(d), `the policy lacks ${d}: ${csp}`)
  }
  await addRecord(page, { type: 'Login', name: 'Plain', fields: { Username: 'someone' } })
  assert.deepEqual(await violations(), [], 'the app itself broke its policy')
})

test('a record named like markup is shown as text and runs nothing', async () => {
  const name = '<img src=x onerror="window.__pwned=1">'
  await addRecord(page, { type: 'Login', name, fields: { Username: 'x' } })
  assert.equal(await page.getByRole('region', { name: 'Record details' }).getByRole('heading', { level: 2 }).textContent(), name)
  await page.getByRole('option', { name: /img src=x/ }).waitFor()
  assert.equal(await page.locator('.details img, [role=listbox] img').count(), 0)
  assert.equal(await page.evaluate(() => window.__pwned), undefined)
  await screenshot(page, 'csp-markup-name')
})

test('injected scripts, handlers and eval are refused', async () => {
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script')
    s.textContent = 'window.__inline = 1'
    document.body.append(s)
    const img = document.createElement('img')
    img.setAttribute('onerror', 'window.__handler = 1')
    const failed = new Promise((resolve) => img.addEventListener('error', resolve))
    img.src = 'nothing-here.png'
    document.body.append(img)
    await failed
    let evaluated = false
    try {
      evaluated = eval('true')
    } catch {
      // EvalError: 'unsafe-eval' is not allowed
    }
    img.remove()
    return { inline: window.__inline, handler: window.__handler, evaluated }
  })
  assert.deepEqual(ran, { inline: undefined, handler: undefined, evaluated: false })
  const v = await violations()
  assert.ok(v.length >= 3, `expected three refusals, got ${JSON.stringify(v)}`)
  assert.ok(v.every((x) => x.startsWith('script-src')), JSON.stringify(v))
})

test('a secret reaches the page only when revealed', async () => {
  const secret = 'e2e-s3cret-never-in-the-page'
  await addRecord(page, { type: 'Login', name: 'Bank', fields: { Username: 'mona', Password: secret } })
  const id = await page.evaluate(async () => (await window.go.main.VaultAPI.List({ query: 'Bank' }))[0].id)
  const rec = await page.evaluate((id) => window.go.main.VaultAPI.Record(id), id)
  assert.ok(!JSON.stringify(rec).includes(secret), `Record returned the secret: ${JSON.stringify(rec)}`)
  assert.equal(rec.fields.find((f) => f.id === 'password').hidden, true)
  assert.ok(!(await page.content()).includes(secret), 'the secret is in the page before Reveal')

  const row = page.getByRole('group', { name: 'Password' })
  await row.getByRole('button', { name: 'Reveal Password' }).click()
  await row.getByText(secret).waitFor()
  await row.getByRole('button', { name: 'Hide Password' }).click()
  assert.ok(!(await page.content()).includes(secret), 'the secret stayed in the page after Hide')
})
