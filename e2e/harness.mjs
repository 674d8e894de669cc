// Test harness for end-to-end specs: starts the real Vaultbar app (the
// dev-tagged build, which serves its UI and Go bindings over HTTP) and a
// headless Chromium to drive it.
//
//   const [a, b] = await startApps(2)           // two instances, own data folders
//   const browser = await launchBrowser()
//   const page = await openApp(browser, a)      // page at a.url, bindings ready
//   ...
//   await screenshot(page, 'name')              // test-results/name.png
//   await browser.close(); await stopAll()
//
// The app needs an X display: run specs under `xvfb-run -a` (make test does,
// inside a D-Bus session with an unlocked gnome-keyring).

import { spawn } from 'node:child_process'
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const resultsDir = path.join(repoRoot, 'test-results')

const appBinary = process.env.VAULTBAR_DEV_BINARY ?? path.join(repoRoot, 'build/bin/vaultbar-dev')
const assetDir = path.join(repoRoot, 'frontend/dist')
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium'

// Every temp data folder lives under one root that goes when the process
// does, so an app can be stopped and started again on the same folder.
const homesRoot = mkdtempSync(path.join(os.tmpdir(), 'vaultbar-e2e-'))
const running = new Set()
process.on('exit', () => {
  for (const app of running) app.child.kill('SIGKILL')
  rmSync(homesRoot, { recursive: true, force: true })
})

/**
 * Starts one app instance and waits until it serves its UI.
 *
 * @param {object} [opts]
 * @param {string} [opts.name]   label for its log file, test-results/logs/NAME-PORT.log
 * @param {string} [opts.home]   data folder (VAULTBAR_HOME); default: a fresh temp folder
 * @param {number} [opts.port]   dev server port; default: a free one
 * @param {Record<string, string>} [opts.env]  extra environment
 * @param {string[]} [opts.args] extra command-line arguments
 * @param {number} [opts.timeoutMs]
 * @returns {Promise<{url: string, port: number, home: string, name: string, log: () => string, stop: () => Promise<void>}>}
 */
export async function startApp({ name = 'app', home, port, env = {}, args = [], timeoutMs = 30_000 } = {}) {
  if (!process.env.DISPLAY) {
    throw new Error('no X display: run the e2e specs under `xvfb-run -a` (or use make test)')
  }
  home ??= mkdtempSync(path.join(homesRoot, `${name}-`))
  port ??= await freePort()
  const logFile = path.join(resultsDir, 'logs', `${name}-${port}.log`)
  mkdirSync(path.dirname(logFile), { recursive: true })
  const log = createWriteStream(logFile)

  const child = spawn(appBinary, ['-devserver', `127.0.0.1:${port}`, '-assetdir', assetDir, ...args], {
    cwd: repoRoot,
    env: { ...process.env, VAULTBAR_HOME: home, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout.pipe(log)
  child.stderr.pipe(log)
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)))

  const app = {
    name,
    home,
    port,
    url: `http://127.0.0.1:${port}/`,
    child,
    log: () => readFileSync(logFile, 'utf8'),
    async stop() {
      if (!running.delete(app)) return
      child.kill('SIGTERM')
      const done = await Promise.race([exited, sleep(5_000, 'timeout')])
      if (done === 'timeout') {
        child.kill('SIGKILL')
        await exited
      }
    },
  }
  running.add(app)

  const deadline = Date.now() + timeoutMs
  for (;;) {
    const status = await Promise.race([exited, sleep(250, 'running')])
    if (status !== 'running') {
      running.delete(app)
      throw new Error(`${name} exited (${status}) before it was ready; log ${logFile}:\n${tail(app.log())}`)
    }
    if (await serving(app.url)) return app
    if (Date.now() > deadline) {
      await app.stop()
      throw new Error(`${name} was not ready within ${timeoutMs} ms; log ${logFile}:\n${tail(app.log())}`)
    }
  }
}

/** Starts n instances side by side, each with its own port and data folder. */
export async function startApps(n, opts = {}) {
  const apps = []
  for (let i = 0; i < n; i++) {
    apps.push(await startApp({ ...opts, name: `${opts.name ?? 'app'}${i + 1}` }))
  }
  return apps
}

/** Stops every app this process started. */
export async function stopAll() {
  await Promise.all([...running].map((app) => app.stop()))
}

/** Launches Debian's Chromium, headless, with a fresh profile. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true, // Playwright adds --headless and a fresh temp --user-data-dir
    // Keep the browser off the test D-Bus session: there it wakes the desktop
    // portals, which cost seconds per launch and matter only to the app.
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'disabled:' },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/**
 * Opens app in a new browser context and waits until the Go bindings are
 * there. Console errors and page errors are echoed to stderr.
 */
export async function openApp(browser, app, { viewport = { width: 1000, height: 680 }, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport, colorScheme })
  const page = await context.newPage()
  page.on('pageerror', (err) => {
    // Wails' own dev overlay (/wails/ipc.js) throws once on load in a plain
    // browser; it is not ours and does not affect the bindings.
    if (err.stack?.includes('/wails/ipc.js')) return
    console.error(`[${app.name}] page error:`, err.message)
  })
  page.on('console', (msg) => {
    if (msg.type() === 'error') console.error(`[${app.name}] console:`, msg.text())
  })
  await page.goto(app.url)
  await page.waitForFunction(() => window.go?.main?.App !== undefined)
  return page
}

/** Saves a PNG of the page to test-results/NAME.png and returns its path. */
export async function screenshot(page, name) {
  const file = path.join(resultsDir, `${name}.png`)
  await page.screenshot({ path: file })
  return file
}

async function serving(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) })
    return res.ok && (await res.text()).includes('/wails/ipc.js')
  } catch {
    return false
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

function tail(text, lines = 30) {
  return text.split('\n').slice(-lines).join('\n')
}
