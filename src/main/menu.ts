import { app, BrowserWindow, dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron'
import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import type { MenuCommand } from '../shared/ipc'
import { checkExternalLink } from './externalLinks'
import type { NativeWords } from './nativeWords'
import { createTemplate, type MenuActions, type MenuPlatform } from './menuTemplate'

// The thin installer of the application menu (docs/api/menu.md: Menu.buildFromTemplate, Menu.setApplicationMenu;
// docs/tutorial/menus.md for roles). The template is plain data from menuTemplate.ts; commands for the page go
// out as one typed push event, 'menu:command'.

/** The same limit as a pasted text (the tasks:add schema): an import is read whole. */
const MAX_IMPORT_BYTES = 2_000_000

export interface MenuWiring {
  window(): BrowserWindow | null
  send(command: MenuCommand): void
  /** the words of the window's current language (nativeWords) */
  words(): NativeWords
}

/** A file chooser opened from the menu must be main's: the page has no user gesture to open its own. */
async function importFromFile(wiring: MenuWiring): Promise<void> {
  const win = wiring.window()
  const w = wiring.words().dialogs
  const options: Electron.OpenDialogOptions = {
    title: w.importTitle,
    properties: ['openFile'],
    filters: [
      { name: w.idLists, extensions: ['txt', 'csv', 'tsv', 'json', 'log'] },
      { name: w.allFiles, extensions: ['*'] }
    ]
  }
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
  const path = r.canceled ? undefined : r.filePaths[0]
  if (!path) return
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    if (size > MAX_IMPORT_BYTES) {
      const message = w.importTooLarge(basename(path), Math.round(size / 1e6))
      if (win) await dialog.showMessageBox(win, { type: 'warning', message })
      else await dialog.showMessageBox({ type: 'warning', message })
      return
    }
    wiring.send({ command: 'import', fileName: basename(path), text: await handle.readFile('utf8') })
  } finally {
    await handle.close()
  }
}

function menuPlatform(): MenuPlatform {
  return process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux'
}

/** Builds and sets the application menu in the current language; reload and DevTools only when the app is not
 * packaged. Called again when the language changes (Menu.setApplicationMenu replaces the menu). */
export function installApplicationMenu(wiring: MenuWiring): void {
  const actions: MenuActions = {
    addTasks: () => wiring.send({ command: 'addTasks' }),
    exportTasks: () => wiring.send({ command: 'export' }),
    openSettings: () => wiring.send({ command: 'settings' }),
    toggleGallery: () => wiring.send({ command: 'toggleGallery' }),
    importFile: () => {
      importFromFile(wiring).catch((e: unknown) => {
        const message = wiring.words().dialogs.importUnreadable(e instanceof Error ? e.message : String(e))
        void dialog.showMessageBox({ type: 'error', message })
      })
    },
    openLink: (url) => {
      const link = checkExternalLink(url)
      if (link.ok) void shell.openExternal(link.url)
    }
  }
  const template: MenuItemConstructorOptions[] = createTemplate(actions, menuPlatform(), !app.isPackaged, app.getName(), wiring.words().menu)
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
