// The production window's side of `make measure-ui`: the app from `make
// build` (build/bin/vaultbar, the real WebKitGTK window, no dev server) is
// started on a copy of a vault, unlocked by typing into its window with
// xdotool, and its resident memory read once the list shows, split into
// the app (Go and the GTK UI process) and WebKit's web and network
// processes. Nothing here can see the page's DOM, so "the list shows" is
// read from the window's pixels: the coloured type badges of the first
// rows. Needs an X display (xvfb-run), xdotool and ImageMagick's import.
import { execFileSync, spawn } from 'node:child_process'
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { repoRoot, resultsDir } from './harness.mjs'
import { loginPassword } from './ui-helpers.mjs'

const appBinary = process.env.VAULTBAR_BINARY ?? path.join(repoRoot, 'build/bin/vaultbar')
// Where the first rows' badges are in the 1000×680 window (RecordList:
// the list starts at x=200, rows 40 px apart, badges 26 px at x≈213).
const BADGES = '30x300+211+110'
// The lock screen's password field and button, painted once the page is up.
const LOCK_FORM = '300x70+350+370'
// Time the app gives back memory after unlock (service.releaseDelay), and
// some more for the list's first pages to settle.
export const SETTLE_S = 4
const SETTLE_MS = SETTLE_S * 1000

export const windowAvailable = () => existsSync(appBinary)

/**
 * Memory in MB of pid (app) and its children (WebKit's web and network
 * processes, any other): resident (RSS), and proportional (PSS), which
 * splits the pages they share (WebKit's libraries are mapped in each) so
 * that the PSS of several processes adds up to what they cost together.
 */
export function rssByName(pid) {
  const status = (p) => readFileSync(`/proc/${p}/status`, 'utf8')
  const kb = (text, key) => Number(text.match(new RegExp(`${key}:\\s+(\\d+) kB`))?.[1] ?? 0) / 1024
  const mem = (p) => ({ rss: kb(status(p), 'VmRSS'), pss: kb(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'), 'Pss') })
  const add = (a, b) => ({ rss: (a?.rss ?? 0) + b.rss, pss: (a?.pss ?? 0) + b.pss })
  const out = { app: mem(pid) }
  for (const d of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const s = status(d)
      if (Number(s.match(/PPid:\s+(\d+)/)?.[1]) !== pid) continue
      // Names are cut to 15 characters: WebKitWebProces, WebKitNetworkPr.
      const name = s.match(/Name:\s+(\S+)/)[1]
      const kind = name.startsWith('WebKitWeb') ? 'web' : name.startsWith('WebKitNetwork') ? 'network' : 'other'
      out[kind] = add(out[kind], mem(d))
    } catch {} // the process went away while we looked
  }
  return out
}

/** The window's pixels in geometry WxH+X+Y, as RGB bytes. */
function grab(win, geometry) {
  return execFileSync('import', ['-window', win, '-crop', geometry, 'rgb:-'], { stdio: ['ignore', 'pipe', 'ignore'] })
}

/** How many pixels are strongly coloured (the badges), not grey or white. */
function coloured(rgb) {
  let n = 0
  for (let i = 0; i + 2 < rgb.length; i += 3) {
    const hi = Math.max(rgb[i], rgb[i + 1], rgb[i + 2])
    const lo = Math.min(rgb[i], rgb[i + 1], rgb[i + 2])
    if (hi - lo > 60) n++
  }
  return n
}

/** Whether anything but one flat colour is there. */
function painted(rgb) {
  return rgb.some((b, i) => b !== rgb[i % 3])
}

async function until(what, check, timeoutMs, child) {
  const t0 = Date.now()
  for (;;) {
    const v = check()
    if (v) return v
    if (child.exitCode !== null) throw new Error(`the app exited while waiting for ${what}; see its log`)
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await sleep(50)
  }
}

function findWindow(pid) {
  try {
    const out = execFileSync('xdotool', ['search', '--onlyvisible', '--pid', String(pid), '--name', '^Vaultbar$'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    return out.trim().split('\n')[0] || null
  } catch {
    return null // xdotool exits 1 while there is no such window
  }
}

/**
 * Starts the production app on a copy of home, unlocks it through its
 * window and returns its memory at the lock screen and with the list shown,
 * and roughly how long the list took (polled screenshots: ±0.1 s). An
 * empty vault has no rows: there the lock screen going is the end.
 */
export async function measureWindow(home, label, hasRecords) {
  const copy = mkdtempSync(path.join(os.tmpdir(), `vaultbar-window-${label}-`))
  cpSync(home, copy, { recursive: true })
  const logFile = path.join(resultsDir, 'logs', `window-${label}.log`)
  mkdirSync(path.dirname(logFile), { recursive: true })
  const log = openSync(logFile, 'w')
  const child = spawn(appBinary, [], { env: { ...process.env, VAULTBAR_HOME: copy }, stdio: ['ignore', log, log] })
  closeSync(log)
  try {
    const win = await until('the Vaultbar window', () => findWindow(child.pid), 30_000, child)
    await until('the lock screen', () => painted(grab(win, LOCK_FORM)), 30_000, child)
    await sleep(SETTLE_MS) // the password field takes focus once mounted; let the start settle
    const locked = rssByName(child.pid)
    const lockForm = grab(win, LOCK_FORM)
    execFileSync('xdotool', ['windowfocus', '--sync', win])
    execFileSync('xdotool', ['type', '--delay', '15', loginPassword])
    const t0 = performance.now()
    execFileSync('xdotool', ['key', 'Return'])
    await until('the lock screen to go', () => !grab(win, LOCK_FORM).equals(lockForm), 60_000, child)
    if (hasRecords) await until('the list', () => coloured(grab(win, BADGES)) > 200, 180_000, child)
    const list = performance.now() - t0
    await sleep(SETTLE_MS)
    return { label, list, locked, unlocked: rssByName(child.pid) }
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)))
    rmSync(copy, { recursive: true, force: true })
  }
}
