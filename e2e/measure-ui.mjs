// Measures the window on large vaults (make measure-ui): the real dev app
// driven through Chromium, as the specs drive it, on vaults of fake
// records written by backend/internal/fakevault/mkvault. Prints figures;
// asserts nothing (tests never time).
//
//   node measure-ui.mjs /path/to/home-10k:10k /path/to/home-100k:100k
//
// Each home is copied first, so the app never writes into the prepared one.
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { launchBrowser, openApp, screenshot, startApp, stopAll } from './harness.mjs'
import { loginPassword } from './ui-helpers.mjs'

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const ms = (x) => `${x.toFixed(0)} ms`

/** Resident memory of a process and its children (the WebKit web process), in MB. */
function rssTree(pid) {
  const rss = (p) => {
    try {
      const m = readFileSync(`/proc/${p}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
      return m ? Number(m[1]) / 1024 : 0
    } catch {
      return 0
    }
  }
  const kids = (p) => {
    const out = []
    for (const d of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const ppid = readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]
        if (Number(ppid) === p) out.push(Number(d), ...kids(Number(d)))
      } catch {}
    }
    return out
  }
  const children = kids(pid)
  return { app: rss(pid), children: children.reduce((s, p) => s + rss(p), 0) }
}

// In the page: run act, then resolve when check() holds, timed to the
// frame that shows it. act and check see their argument as `arg`.
async function timed(page, act, check, arg) {
  return page.evaluate(
    async ([act, check, arg]) => {
      const a = new Function('arg', `return (${act})(arg)`)
      const c = new Function('arg', `return (${check})(arg)`)
      const t0 = performance.now()
      a(arg)
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r))
        if (c(arg)) return performance.now() - t0
        if (performance.now() - t0 > 60_000) return NaN
      }
    },
    [act.toString(), check.toString(), arg],
  )
}

async function measure(browser, home, label) {
  const copy = mkdtempSync(path.join(os.tmpdir(), `vaultbar-measure-${label}-`))
  cpSync(home, copy, { recursive: true })
  const app = await startApp({ name: `measure-${label}`, home: copy, timeoutMs: 120_000 })
  const page = await openApp(browser, app)
  await page.getByLabel('Login password', { exact: true }).fill(loginPassword)
  // Time Go's unlock (key derivation and opening the vault) apart from the rest.
  await page.evaluate(() => {
    const api = window.go.main.VaultAPI
    const unlock = api.Unlock
    api.Unlock = async (...a) => {
      const t = performance.now()
      const r = await unlock(...a)
      window.__unlock = { start: t, end: performance.now() }
      return r
    }
  })
  const total = await timed(
    page,
    () => {
      document.querySelector('form button[type=submit]').click()
    },
    () => document.querySelectorAll('.records [role=option]').length > 0,
  )
  const unlock = await page.evaluate(() => window.__unlock)
  const goUnlock = unlock.end - unlock.start
  await page.waitForTimeout(500)
  const rows = await page.evaluate(() => document.querySelectorAll('.records .row').length)
  const nodes = await page.evaluate(() => document.getElementsByTagName('*').length)

  const keys = []
  for (const q of ['g', 'gi', 'git', 'a', 'an', '']) {
    keys.push(
      await timed(
        page,
        (arg) => {
          const box = document.querySelector('input[aria-label="Search records"]')
          window.__before = document.querySelector('.records header .muted')?.textContent
          box.value = arg
          box.dispatchEvent(new Event('input', { bubbles: true }))
        },
        () => document.querySelector('.records header .muted')?.textContent !== window.__before,
        q,
      ),
    )
  }
  const selects = []
  for (const i of [3, 7, 12]) {
    selects.push(
      await timed(
        page,
        (arg) => {
          const row = document.querySelectorAll('.records [role=option]')[arg]
          window.__name = row.querySelector('.name').textContent.replace(' ★', '')
          row.click()
        },
        () => [...document.querySelectorAll('h1, h2')].some((h) => h.textContent.trim() === window.__name),
        i,
      ),
    )
  }
  await screenshot(page, `measure-${label}`)
  const mem = rssTree(app.child.pid)
  await app.stop()
  return { label, total, goUnlock, beyond: total - goUnlock, rows, nodes, key: median(keys), keyMax: Math.max(...keys), select: median(selects), mem }
}

const browser = await launchBrowser()
const results = []
try {
  for (const arg of process.argv.slice(2)) {
    const [home, label] = arg.split(':')
    results.push(await measure(browser, home, label))
  }
} finally {
  await browser.close()
  await stopAll()
}
console.log('\nVault   unlock→list  (Go unlock)  beyond Go unlock  keystroke→list (median/max of 6)  select→details (median of 3)  list rows  DOM nodes  app RSS  web process RSS')
for (const r of results) {
  console.log(
    [
      r.label.padEnd(7),
      ms(r.total).padStart(11),
      `(${ms(r.goUnlock)})`.padStart(12),
      ms(r.beyond).padStart(17),
      `${ms(r.key)} / ${ms(r.keyMax)}`.padStart(33),
      ms(r.select).padStart(29),
      String(r.rows).padStart(10),
      String(r.nodes).padStart(10),
      `${r.mem.app.toFixed(0)} MB`.padStart(8),
      `${r.mem.children.toFixed(0)} MB`.padStart(16),
    ].join(' '),
  )
}
