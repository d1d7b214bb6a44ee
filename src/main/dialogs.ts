import { BrowserWindow, dialog, shell } from 'electron'
import type { PlatformDeps } from './handlers'
import { mediaUrl } from './mediaPaths'

/** The platform side of the handler table in the real app: native dialogs, the file manager, the browser. */
export function electronPlatform(getWindow: () => BrowserWindow | null, appVersion: string): PlatformDeps {
  return {
    appVersion,
    async chooseFolder(defaultPath) {
      const win = getWindow()
      const options: Electron.OpenDialogOptions = { properties: ['openDirectory', 'createDirectory'], ...(defaultPath ? { defaultPath } : {}) }
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return r.canceled ? null : (r.filePaths[0] ?? null)
    },
    async chooseSaveFile(suggestedName) {
      const win = getWindow()
      const options: Electron.SaveDialogOptions = { defaultPath: suggestedName }
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
      return r.canceled ? null : (r.filePath ?? null)
    },
    revealFile: (path) => shell.showItemInFolder(path),
    async openFolder(path) {
      const problem = await shell.openPath(path)
      if (problem) throw new Error(problem)
    },
    openExternal: (url) => shell.openExternal(url),
    mediaUrl
  }
}
