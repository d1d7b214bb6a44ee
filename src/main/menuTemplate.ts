// The application menu as data, without Electron (menu.ts builds it with Menu.buildFromTemplate). Items that have
// a standard role use it, so copy/paste/select-all work in text fields and each platform gets its own labels and
// accelerators (Electron's docs/tutorial/menus.md, "Roles"). The rest call the actions given. Never edited by
// position: a menu is rebuilt from this template.
import { APP_LINKS } from './externalLinks'

/** The roles this menu uses (a subset of Electron's MenuItem roles). */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'window'
  | 'help'

/** The shape of Electron's MenuItemConstructorOptions this menu needs (menu.ts checks it against Electron's type). */
export interface MenuItemTemplate {
  id?: string
  label?: string
  role?: MenuRole
  type?: 'separator'
  accelerator?: string
  click?: () => void
  submenu?: MenuItemTemplate[]
}

/** What the menu's own items do. */
export interface MenuActions {
  addTasks(): void
  importFile(): void
  exportTasks(): void
  openSettings(): void
  /** the tasks view as a list or as a gallery (the page owns the shortcut, Ctrl/Cmd+Shift+G) */
  toggleGallery(): void
  /** opens a link in the browser, through the external-link allow-list */
  openLink(url: string): void
}

export type MenuPlatform = 'darwin' | 'win32' | 'linux'

const separator: MenuItemTemplate = { type: 'separator' }

/** A submenu written as a list: a role's name stands for its item, '-' for a separator. */
const items = (...entries: Array<MenuRole | '-' | MenuItemTemplate>): MenuItemTemplate[] =>
  entries.map((e) => (e === '-' ? separator : typeof e === 'string' ? { role: e } : e))

/**
 * The whole menu for one platform. `isDev`: reload and DevTools appear only in development, never in a packaged
 * build. Accelerators follow each platform's habits: settings is Cmd+, in the macOS app menu and Ctrl+, in File
 * elsewhere; the quit role gives "Quit" with Cmd/Ctrl+Q on macOS and Linux and "Exit" with no shortcut on Windows
 * (Alt+F4 closes the window there), as Electron's role table (lib/browser/api/menu-item-roles.ts) defines.
 */
export function createTemplate(actions: MenuActions, platform: MenuPlatform, isDev: boolean, appName = 'Aidge Task Desk'): MenuItemTemplate[] {
  const mac = platform === 'darwin'
  const settings: MenuItemTemplate = { id: 'settings', label: mac ? 'Settings…' : 'Settings', accelerator: 'CmdOrCtrl+,', click: () => actions.openSettings() }

  const appMenu: MenuItemTemplate = {
    label: appName,
    submenu: items('about', '-', settings, '-', 'services', '-', 'hide', 'hideOthers', 'unhide', '-', 'quit')
  }

  const file: MenuItemTemplate = {
    label: mac ? 'File' : '&File',
    submenu: [
      { id: 'add-tasks', label: 'Add Tasks…', accelerator: 'CmdOrCtrl+N', click: () => actions.addTasks() },
      { id: 'import', label: 'Import Task IDs…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFile() },
      { id: 'export', label: 'Export History…', accelerator: 'CmdOrCtrl+Shift+E', click: () => actions.exportTasks() },
      separator,
      ...(mac ? [{ role: 'close' } satisfies MenuItemTemplate] : [settings, separator, { role: 'quit' } satisfies MenuItemTemplate])
    ]
  }

  const edit: MenuItemTemplate = {
    label: mac ? 'Edit' : '&Edit',
    submenu: items('undo', 'redo', '-', 'cut', 'copy', 'paste', ...(mac ? (['pasteAndMatchStyle'] as const) : []), 'delete', '-', 'selectAll')
  }

  const view: MenuItemTemplate = {
    label: mac ? 'View' : '&View',
    submenu: items(
      ...(isDev ? (['reload', 'forceReload', 'toggleDevTools', '-'] as const) : []),
      // no accelerator here: the page handles Ctrl/Cmd+Shift+G itself, and a menu accelerator would switch twice
      { id: 'toggle-gallery', label: 'List or Gallery', click: () => actions.toggleGallery() },
      '-',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      '-',
      'togglefullscreen'
    )
  }

  const windowMenu: MenuItemTemplate = mac
    ? { role: 'window', submenu: [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] }
    : { label: '&Window', submenu: [{ role: 'minimize' }, { role: 'close' }] }

  const help: MenuItemTemplate = {
    ...(mac ? { role: 'help' as const } : { label: '&Help' }),
    submenu: [
      { id: 'vendor-docs', label: 'Aidge API Documentation', click: () => actions.openLink(APP_LINKS.vendorDocs) },
      { id: 'vendor-console', label: 'Aidge Console', click: () => actions.openLink(APP_LINKS.vendorConsole) },
      separator,
      { id: 'report-issue', label: 'Report an Issue…', click: () => actions.openLink(APP_LINKS.projectIssues) },
      ...(mac ? [] : [separator, { role: 'about' } satisfies MenuItemTemplate])
    ]
  }

  return [...(mac ? [appMenu] : []), file, edit, view, windowMenu, help]
}
