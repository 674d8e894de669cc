import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { launchBrowser, openApp, screenshot, startApps, stopAll } from '../harness.mjs'

let browser

before(async () => {
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await stopAll()
})

test('shows the name and the version from the Go binding', async () => {
  const [app] = await startApps(1, { name: 'smoke' })
  const page = await openApp(browser, app)

  await page.getByRole('heading', { name: 'Vaultbar' }).waitFor()
  const shown = await page.getByTestId('version').textContent()
  const fromGo = await page.evaluate(() => window.go.main.App.Version())
  assert.equal(shown, fromGo)
  if (process.env.VAULTBAR_VERSION) assert.equal(fromGo, process.env.VAULTBAR_VERSION)

  await screenshot(page, 'smoke')
})

test('two instances run side by side with their own data folders', async () => {
  const [a, b] = await startApps(2, { name: 'pair' })
  assert.notEqual(a.port, b.port)

  const folders = []
  for (const app of [a, b]) {
    const page = await openApp(browser, app)
    folders.push(await page.evaluate(() => window.go.main.App.DataDir()))
  }
  assert.deepEqual(folders, [a.home, b.home])
})
