// A button inside a form submits it unless it says otherwise. The
// generator's ↻ once saved a record with an empty password that way, so
// every component with a form is rendered here, every button that belongs
// to a form must name its type, and clicking each non-submit one must not
// submit anything.
import { cleanup, render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import type { Component } from 'svelte'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../lib/api'
import { session } from '../lib/session.svelte'
import { sync } from '../lib/sync.svelte'
import { vault } from '../lib/vault.svelte'
import { groups, loginType, syncOff } from '../test/fakeApi'
import CloudSyncTab from './CloudSyncTab.svelte'
import LockScreen from './LockScreen.svelte'
import NameSheet from './NameSheet.svelte'
import RecordEditor from './RecordEditor.svelte'
import SecurityTab from './SecurityTab.svelte'

vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())

// The buttons a form owns: inside it, or pointing at it with form=.
function formButtons(): HTMLButtonElement[] {
  return [...document.querySelectorAll('button')].filter((b) => b.form !== null)
}

async function clickEveryNonSubmit() {
  const submitted = vi.fn((e: Event) => e.preventDefault())
  document.addEventListener('submit', submitted, true)
  const buttons = formButtons()
  for (const b of buttons) {
    expect(b.getAttribute('type'), `button "${b.textContent?.trim() || b.ariaLabel}" has no type`).toMatch(
      /^(button|submit)$/,
    )
  }
  for (const b of buttons.filter((b) => b.type === 'button' && !b.disabled && b.isConnected)) {
    await userEvent.click(b)
  }
  document.removeEventListener('submit', submitted, true)
  return { submitted, count: buttons.length }
}

const cases: [string, Component<any>, Record<string, unknown>, () => Promise<void>][] = [
  ['LockScreen (unlock)', LockScreen, { mode: 'unlock' }, async () => {}],
  ['LockScreen (create)', LockScreen, { mode: 'create' }, async () => {}],
  ['NameSheet', NameSheet, { title: 'New Group', label: 'Name', action: 'Add', onsave: vi.fn(), onclose: vi.fn() }, async () => {}],
  ['SecurityTab', SecurityTab, {}, async () => {}],
  [
    'CloudSyncTab asking for the new cloud sync password',
    CloudSyncTab,
    { pending: { mode: 'folder', autoSync: true } },
    async () => {},
  ],
  [
    'RecordEditor with the generator open',
    RecordEditor,
    { initialType: 'login', onsaved: vi.fn(), onclose: vi.fn() },
    async () => {
      await userEvent.type(screen.getByLabelText('Name'), 'Example')
      await userEvent.click(screen.getByRole('button', { name: 'Generate Password' }))
      await screen.findByTestId('generated')
    },
  ],
]

describe('buttons inside forms', () => {
  afterEach(() => cleanup())

  beforeEach(() => {
    vi.clearAllMocks()
    session.phase = 'unlocked'
    vault.clear()
    vault.types = [loginType]
    vault.groups = groups
    sync.update(syncOff)
  })

  it.each(cases)('%s: every one names its type and only the submit button submits', async (name, C, props, prepare) => {
    if (name.startsWith('CloudSyncTab')) {
      sync.update({ ...syncOff, mode: 'folder', folder: '/shared', configured: true, state: 'needs-password' })
    }
    render(C, { props })
    await prepare()
    const { submitted, count } = await clickEveryNonSubmit()
    expect(count).toBeGreaterThan(0)
    expect(submitted).not.toHaveBeenCalled()
    expect(api.addRecord).not.toHaveBeenCalled()
  }, 30_000)

  it("the generator's ↻ makes another password and saves nothing", async () => {
    const onsaved = vi.fn()
    render(RecordEditor, { initialType: 'login', onsaved, onclose: vi.fn() })
    await userEvent.type(screen.getByLabelText('Name'), 'Example')
    await userEvent.click(screen.getByRole('button', { name: 'Generate Password' }))
    await screen.findByTestId('generated')
    await userEvent.click(screen.getByRole('button', { name: 'Generate another' }))
    expect(api.addRecord).not.toHaveBeenCalled()
    expect(onsaved).not.toHaveBeenCalled()
    expect(screen.getByRole('dialog')).toBeInTheDocument()
  }, 30_000)
})
