// The application menu as data (menu.ts installs it): per platform, development vs packaged, and what each item does.
import { describe, expect, it } from 'vitest'
import type { MenuCommand } from '../../src/shared/ipc'
import { APP_LINKS } from '../../src/main/externalLinks'
import { createTemplate, type MenuActions, type MenuItemTemplate, type MenuPlatform } from '../../src/main/menuTemplate'
import { nativeWords } from '../../src/main/nativeWords'

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
type Assert<T extends true> = T
// the page acts on exactly these commands (src/renderer/src/menuCommands.ts switches over them)
export type MenuCommandsAreKnown = Assert<Equal<MenuCommand['command'], 'addTasks' | 'import' | 'export' | 'settings' | 'toggleGallery'>>

function recorder(): { actions: MenuActions; calls: string[] } {
  const calls: string[] = []
  return {
    calls,
    actions: {
      addTasks: () => void calls.push('addTasks'),
      importFile: () => void calls.push('importFile'),
      exportTasks: () => void calls.push('exportTasks'),
      openSettings: () => void calls.push('openSettings'),
      toggleGallery: () => void calls.push('toggleGallery'),
      openLink: (url) => void calls.push(`link ${url}`)
    }
  }
}

const labelOf = (m: MenuItemTemplate): string => (m.label ?? m.role ?? '').replace('&', '')
const flat = (items: MenuItemTemplate[]): MenuItemTemplate[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])])
const roles = (items: MenuItemTemplate[]): string[] => flat(items).flatMap((i) => (i.role ? [i.role] : []))
const byId = (items: MenuItemTemplate[], id: string): MenuItemTemplate => {
  const item = flat(items).find((i) => i.id === id)
  if (!item) throw new Error(`no menu item ${id}`)
  return item
}
const menu = (items: MenuItemTemplate[], name: string): MenuItemTemplate[] => items.find((m) => labelOf(m) === name)?.submenu ?? []

describe('the application menu', () => {
  it('on macOS: the app menu first (about, settings, services, hide, quit), then File, Edit, View, Window, Help', () => {
    const t = createTemplate(recorder().actions, 'darwin', false)
    expect(t.map(labelOf)).toEqual(['Aidge Task Desk', 'File', 'Edit', 'View', 'window', 'help'])
    expect(roles(t[0]!.submenu!)).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit'])
    expect(byId(t[0]!.submenu!, 'settings')).toMatchObject({ label: 'Settings…', accelerator: 'CmdOrCtrl+,' })
    expect(roles(menu(t, 'File'))).toEqual(['close'])
    expect(roles(menu(t, 'Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', 'selectAll'])
    expect(roles(t[4]!.submenu!)).toEqual(['minimize', 'zoom', 'front'])
  })

  for (const platform of ['win32', 'linux'] as const) {
    it(`on ${platform}: no app menu; File holds settings and quit, with mnemonics`, () => {
      const t = createTemplate(recorder().actions, platform, false)
      expect(t.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help'])
      const file = menu(t, 'File')
      expect(file.map((i) => i.id ?? i.role ?? i.type)).toEqual(['add-tasks', 'import', 'export', 'separator', 'settings', 'separator', 'quit'])
      expect(roles(menu(t, 'Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll'])
      expect(roles(menu(t, 'Window'))).toEqual(['minimize', 'close'])
      expect(roles(menu(t, 'Help'))).toEqual(['about'])
      expect(roles(t)).not.toContain('services')
    })
  }

  for (const platform of ['darwin', 'win32', 'linux'] as MenuPlatform[]) {
    it(`on ${platform}: reload and DevTools only in development; zoom and full screen always`, () => {
      const packaged = createTemplate(recorder().actions, platform, false)
      const dev = createTemplate(recorder().actions, platform, true)
      expect(roles(menu(packaged, 'View'))).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen'])
      expect(roles(menu(dev, 'View'))).toEqual(['reload', 'forceReload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen'])
      for (const r of ['reload', 'forceReload', 'toggleDevTools']) expect(roles(packaged)).not.toContain(r)
    })

    it(`on ${platform}: the File items and Help links do what they say, with the usual accelerators`, () => {
      const { actions, calls } = recorder()
      const t = createTemplate(actions, platform, false)
      expect(byId(t, 'add-tasks').accelerator).toBe('CmdOrCtrl+N')
      expect(byId(t, 'import').accelerator).toBe('CmdOrCtrl+O')
      expect(byId(t, 'export').accelerator).toBe('CmdOrCtrl+Shift+E')
      for (const id of ['add-tasks', 'import', 'export', 'settings', 'toggle-gallery', 'vendor-docs', 'vendor-console', 'report-issue']) byId(t, id).click!()
      // the gallery's shortcut belongs to the page (a menu accelerator would switch twice)
      expect(byId(t, 'toggle-gallery').accelerator).toBeUndefined()
      expect(calls).toEqual(['addTasks', 'importFile', 'exportTasks', 'openSettings', 'toggleGallery', `link ${APP_LINKS.vendorDocs}`, `link ${APP_LINKS.vendorConsole}`, `link ${APP_LINKS.projectIssues}`])
      // no accelerator is used twice
      const accelerators = flat(t).flatMap((i) => (i.accelerator ? [i.accelerator] : []))
      expect(new Set(accelerators).size).toBe(accelerators.length)
    })
  }
})

describe("main's own words in the window's language", () => {
  const labels = (t: MenuItemTemplate[]): string[] => flat(t).flatMap((i) => (i.label ? [i.label] : []))

  it('the menu in Simplified Chinese: the same items and commands, Chinese labels, access keys as (&F) off macOS', () => {
    const rec = recorder()
    const zh = createTemplate(rec.actions, 'linux', false, 'Aidge Task Desk', nativeWords('zh-CN').menu)
    const en = createTemplate(recorder().actions, 'linux', false)
    expect(flat(zh).map((i) => i.id ?? i.role ?? i.type)).toEqual(flat(en).map((i) => i.id ?? i.role ?? i.type))
    expect(zh.map((m) => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '窗口(&W)', '帮助(&H)'])
    expect(byId(zh, 'toggle-gallery').label).toBe('列表或图库')
    byId(zh, 'add-tasks').click?.()
    expect(rec.calls).toEqual(['addTasks'])
    // no label of ours is left in English (roles are labelled by the OS)
    for (const label of labels(zh)) expect(label, label).not.toMatch(/^[A-Za-z&]+( [A-Za-z…]+)*$/)
    const mac = createTemplate(recorder().actions, 'darwin', false, 'Aidge Task Desk', nativeWords('zh-CN').menu)
    expect(mac.map((m) => m.label ?? m.role)).toEqual(['Aidge Task Desk', '文件', '编辑', '视图', 'window', 'help'])
  })

  it('dialogs and notifications have every word in both languages, with the values in place', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const w = nativeWords(lang)
      expect(w.dialogs.endpointMessage('proxy.example')).toContain('proxy.example')
      expect(w.dialogs.endpointUse('proxy.example')).toContain('proxy.example')
      expect(w.notify.downloadBody(3, 1, '/tmp/out')).toMatch(/3.*1.*\/tmp\/out/)
    }
    expect(nativeWords('zh-CN').dialogs.endpointKeep).toBe('保留当前服务器')
    expect(nativeWords('en').notify.downloadBody(2, 0, '/d')).toBe('2 saved to /d')
  })
})
