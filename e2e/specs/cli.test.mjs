// The vaultbar command beside the running app: the first command from a
// terminal asks in the window; once allowed, `ls --json` lists the app's
// records and `add` adds one the window shows at once; after Lock the
// command is refused with a hint; with the app not running it opens the
// vault itself.
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { launchBrowser, openApp, repoRoot, screenshot, startApp, stopAll } from '../harness.mjs'
import { addRecord, createVault, listedNames, loginPassword, unlock } from '../ui-helpers.mjs'

let browser, app, page, cli

before(async () => {
  cli = path.join(mkdtempSync(path.join(os.tmpdir(), 'vaultbar-cli-')), 'vaultbar')
  execFileSync('go', ['build', '-o', cli, './cmd/vaultbar'], { cwd: repoRoot, stdio: 'inherit' })
  browser = await launchBrowser()
  app = await startApp({ name: 'cli' })
  page = await openApp(browser, app)
  await createVault(page)
  await addRecord(page, { type: 'Login', name: 'GitHub', fields: { Username: 'octocat' } })
})

after(async () => {
  await browser?.close()
  await stopAll()
})

/**
 * Runs the CLI on the app's data folder. newSession puts it in a session
 * of its own, as a command typed in another terminal window is.
 */
function vaultbar(args, { env = {}, newSession = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cli, args, {
      env: { PATH: process.env.PATH, HOME: app.home, VAULTBAR_HOME: app.home, ...env },
      detached: newSession,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

const ask = () => page.getByRole('dialog', { name: 'Allow the terminal to use Vaultbar for 10 minutes?' })

test('an allowed terminal lists and adds through the app', async () => {
  const ls = vaultbar(['ls', '--json'])
  await ask().waitFor()
  assert.match(await ask().textContent(), /vaultbar ls/)
  await screenshot(page, 'cli-ask')
  await ask().getByRole('button', { name: 'Allow' }).click()
  const r = await ls
  assert.equal(r.code, 0, r.stderr)
  assert.deepEqual(
    JSON.parse(r.stdout).map((e) => e.name),
    ['GitHub'],
  )

  const add = await vaultbar(['add', 'login', 'From Terminal', 'username=cli']) // the same session: not asked again
  assert.equal(add.code, 0, add.stderr)
  assert.equal(await ask().count(), 0)
  await page.getByRole('option', { name: /From Terminal/ }).waitFor()
  assert.deepEqual(await listedNames(page), ['From Terminal', 'GitHub'])
})

test('after Lock the terminal is refused with a hint; a new window asks again', async () => {
  await page.getByRole('button', { name: 'Lock' }).click()
  const r = await vaultbar(['ls'])
  assert.equal(r.code, 15)
  assert.match(r.stderr, /^error: Vaultbar is open and locked\nhint: unlock it in the Vaultbar window/m)

  await unlock(page)
  const denied = vaultbar(['ls'], { newSession: true })
  await ask().waitFor()
  await ask().getByRole('button', { name: 'Deny' }).click()
  const d = await denied
  assert.equal(d.code, 16)
  assert.match(d.stderr, /error: the Vaultbar app did not allow this terminal/)
})

test('with the app not running the command opens the vault itself', async () => {
  await app.stop()
  const r = await vaultbar(['ls', '--json'], { env: { VAULTBAR_PASSWORD: loginPassword } })
  assert.equal(r.code, 0, r.stderr)
  assert.deepEqual(
    JSON.parse(r.stdout).map((e) => e.name),
    ['From Terminal', 'GitHub'],
  )
})
