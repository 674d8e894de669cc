import { cleanup, render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { vault } from '../lib/vault.svelte'
import { groups, loginType } from '../test/fakeApi'
import NameSheet from './NameSheet.svelte'
import RecordEditor from './RecordEditor.svelte'

vi.mock('../lib/api', async () => (await import('../test/fakeApi')).fakeApi())

describe('Sheet', { timeout: 30_000 }, () => {
  afterEach(() => cleanup())
  beforeEach(() => {
    vault.clear()
    vault.types = [loginType]
    vault.groups = groups
  })

  function nameSheet() {
    const onclose = vi.fn()
    render(NameSheet, { title: 'New Group', label: 'Name', action: 'Add', onsave: vi.fn(), onclose })
    return onclose
  }

  it('keeps Tab inside and closes on Escape from any control', async () => {
    const onclose = nameSheet()
    const dialog = screen.getByRole('dialog')
    expect(screen.getByLabelText('Name')).toHaveFocus()
    for (let i = 0; i < 6; i++) {
      await userEvent.tab()
      expect(dialog.contains(document.activeElement)).toBe(true)
    }
    await userEvent.tab({ shift: true })
    expect(dialog.contains(document.activeElement)).toBe(true)
    screen.getByRole('button', { name: 'Cancel' }).focus()
    await userEvent.keyboard('{Escape}')
    expect(onclose).toHaveBeenCalled()
  })

  it('keeps shortcuts from the window behind, except lock', async () => {
    nameSheet()
    const seen: string[] = []
    const listener = (e: KeyboardEvent) => seen.push(e.key)
    window.addEventListener('keydown', listener)
    await userEvent.keyboard('{Control>}f{/Control}{Control>},{/Control}{Enter}{Control>}l{/Control}')
    window.removeEventListener('keydown', listener)
    expect(seen.filter((k) => k !== 'Control')).toEqual(['l'])
  })

  it('the editor focuses Name, not the type', async () => {
    render(RecordEditor, { initialType: 'login', onsaved: vi.fn(), onclose: vi.fn() })
    expect(screen.getByLabelText('Name')).toHaveFocus()
  })
})
