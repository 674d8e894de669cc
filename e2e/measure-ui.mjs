// Measures the window on large vaults (make measure-ui): the real dev app
// driven through Chromium, as the specs drive it, on vaults of fake
// records written by backend/internal/fakevault/mkvault: unlock, search,
// select, frames while scrolling, the page's heap. Then the production
// window's memory (measure-window.mjs); a vault labelled "empty" is
// measured there only, as the floor. Prints figures; asserts nothing
// (tests never time).
//
//   node measure-ui.mjs /path/to/empty:empty /path/to/home-10k:10k /path/to/home-100k:100k
//
// Each home is copied first, so the app never writes into the prepared one.
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { launchBrowser, openApp, screenshot, startApp, stopAll } from './harness.mjs'
import { loginPassword } from './ui-helpers.mjs'
import { SETTLE_S, measureWindow, windowAvailable } from './measure-window.mjs'

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
  const heapBefore = await jsHeap(page)
  // A fling, then the scroll bar dragged from top to bottom, which needs a
  // new page from Go nearly every frame.
  const scroll = await scrollSweep(page, 6_000, 4_000)
  const scroll2 = await scrollSweep(page, 6_000, 'whole')
  await page.waitForTimeout(500)
  await screenshot(page, `measure-${label}-scrolled`)
  const heapAfter = await jsHeap(page)
  const mem = rssTree(app.child.pid)
  await page.context().close() // else Wails' script keeps trying to reconnect, logging each try
  await app.stop()
  return {
    label,
    total,
    goUnlock,
    beyond: total - goUnlock,
    rows,
    nodes,
    key: median(keys),
    keyMax: Math.max(...keys),
    select: median(selects),
    mem,
    scroll,
    scroll2,
    heapBefore,
    heapAfter,
  }
}

/** The page's JavaScript heap in MB, after a collection if the browser allows one. */
async function jsHeap(page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize / 2 ** 20
}

// In the page: scrolls the record list down at a steady speed (px/s, or
// 'whole': the whole list in durationMs) for durationMs, setting scrollTop
// once a frame as a wheel or a dragged scroll bar would, and counts the
// frames that took over 25 ms (a dropped frame at 60 Hz is 16.7 ms; 25 ms
// leaves room for timer jitter). Also the most rows the list had in the
// page at once, and the rows still blank (page not arrived) at the end.
async function scrollSweep(page, durationMs, speed) {
  return page.evaluate(async ([durationMs, speed]) => {
    const list = document.querySelector('.records .list')
    if (speed === 'whole') speed = (list.scrollHeight - list.clientHeight) / (durationMs / 1000)
    list.scrollTop = 0
    await new Promise((r) => requestAnimationFrame(r))
    const deltas = []
    // Chromium reports frames over 50 ms with the scripts that ran in them:
    // a long frame without script time was the machine, not the page.
    let scripted = 0
    const po = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (e.scripts.some((s) => s.duration >= 16)) scripted++
    })
    po.observe({ type: 'long-animation-frame' })
    let maxRows = 0
    let blankFrames = 0 // frames that showed rows whose page had not arrived
    let last = performance.now()
    const t0 = last
    while (last - t0 < durationMs) {
      const now = await new Promise((r) => requestAnimationFrame(r))
      deltas.push(now - last)
      list.scrollTop = ((now - t0) / 1000) * speed
      maxRows = Math.max(maxRows, list.querySelectorAll('.row').length)
      if (list.querySelector('.row.placeholder')) blankFrames++
      last = now
    }
    await new Promise((r) => setTimeout(r, 100)) // the observer reports late
    po.disconnect()
    const blank = list.querySelectorAll('.row.placeholder').length
    return {
      frames: deltas.length,
      dropped: deltas.filter((d) => d > 25).length,
      scripted,
      worst: Math.max(...deltas),
      maxRows,
      blankFrames,
      blankAtEnd: blank,
      rowsScrolled: Math.round(list.scrollTop / 40),
    }
  }, [durationMs, speed])
}

const vaults = process.argv.slice(2).map((arg) => {
  const [home, label] = arg.split(':')
  return { home, label }
})
const browser = await launchBrowser()
const results = []
try {
  // The empty vault has no list to time: it is there for the window's memory floor.
  for (const { home, label } of vaults) if (label !== 'empty') results.push(await measure(browser, home, label))
} finally {
  await browser.close()
  await stopAll()
}
// The production window after the dev app has gone, so the two never
// share the machine.
const windows = []
if (windowAvailable()) {
  for (const { home, label } of vaults) {
    try {
      windows.push(await measureWindow(home, label, label !== 'empty'))
    } catch (err) {
      console.log(`\nproduction window, ${label}: ${err.message}`) // the other figures still print
    }
  }
} else {
  console.log('\n(no build/bin/vaultbar: `make build` first to measure the production window)')
}

const table = (title, head, rows) => {
  console.log(`\n${title}`)
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
  console.log(line(head))
  for (const r of rows) console.log(line(r))
}
const mb = (x) => `${(x ?? 0).toFixed(0)} MB`

table(
  'Dev app through Chromium (make build-dev; its own WebKitGTK window stays on the lock screen)',
  ['Vault', 'unlock→list', '(Go unlock)', 'beyond Go unlock', 'keystroke→list med/max of 6', 'select→details med of 3', 'list rows', 'DOM nodes', 'app RSS', 'its web process RSS'],
  results.map((r) => [
    r.label,
    ms(r.total),
    `(${ms(r.goUnlock)})`,
    ms(r.beyond),
    `${ms(r.key)} / ${ms(r.keyMax)}`,
    ms(r.select),
    String(r.rows),
    String(r.nodes),
    mb(r.mem.app),
    mb(r.mem.children),
  ]),
)
for (const [key, how] of [
  ['scroll', 'a fling at 4,000 px/s (100 rows/s) for 6 s'],
  ['scroll2', 'the scroll bar dragged over the whole list in 6 s'],
]) {
  table(
    `Scrolling in Chromium: ${how} (frames over 25 ms; those with ≥16 ms of our script)`,
    ['Vault', 'frames', 'over 25 ms', 'with script', 'worst frame', 'most rows in page', 'rows scrolled', 'frames with blank rows', 'blank rows at end'],
    results.map((r) => [
      r.label,
      String(r[key].frames),
      String(r[key].dropped),
      String(r[key].scripted),
      ms(r[key].worst),
      String(r[key].maxRows),
      String(r[key].rowsScrolled),
      String(r[key].blankFrames),
      String(r[key].blankAtEnd),
    ]),
  )
}
table(
  "The page's JavaScript heap after a collection (Chromium)",
  ['Vault', 'after unlock', 'after scrolling'],
  results.map((r) => [r.label, mb(r.heapBefore), mb(r.heapAfter)]),
)
if (windows.length > 0) {
  const both = (m) => `${mb(m?.rss)} (${mb(m?.pss)})`
  const sum = (m) => ({ rss: m.app.rss + (m.web?.rss ?? 0), pss: m.app.pss + (m.web?.pss ?? 0) })
  table(
    `Production window (make build; unlocked with xdotool; RSS (PSS) ${SETTLE_S} s after the list shows)`,
    ['Vault', 'unlock→list (pixels)', 'locked: app', 'web', 'unlocked: app', 'web', 'network', 'app + web'],
    windows.map((w) => [
      w.label,
      ms(w.list),
      both(w.locked.app),
      both(w.locked.web),
      both(w.unlocked.app),
      both(w.unlocked.web),
      both(w.unlocked.network),
      both(sum(w.unlocked)),
    ]),
  )
}
