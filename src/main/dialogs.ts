import { app, BrowserWindow, dialog, shell } from 'electron'
import type { PlatformDeps } from './handlers'
import { mediaUrl } from './mediaPaths'
import type { NativeWords } from './nativeWords'

/**
 * The OS's preferred languages (Electron docs, api/app.md: app.getPreferredSystemLanguages(), "can be used for
 * purposes such as deciding what language to present the application in"); app.getLocale() when the list is
 * empty (it can be on Linux without LANGUAGE/LANG). Both are valid after 'ready'.
 */
export function systemLanguages(): string[] {
  const preferred = app.getPreferredSystemLanguages()
  return preferred.length > 0 ? preferred : [app.getLocale()]
}

/** The platform side of the handler table in the real app: native dialogs, the file manager, the browser. */
export function electronPlatform(getWindow: () => BrowserWindow | null, appVersion: string, words: () => NativeWords['dialogs']): PlatformDeps {
  return {
    appVersion,
    systemLanguages,
    async chooseFolder(defaultPath) {
      const win = getWindow()
      const options: Electron.OpenDialogOptions = { properties: ['openDirectory', 'createDirectory'], ...(defaultPath ? { defaultPath } : {}) }
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return r.canceled ? null : (r.filePaths[0] ?? null)
    },
    async chooseSaveFile(suggestedName, format) {
      const win = getWindow()
      // The filter offers the format's extension (main refuses any other); Linux asks before replacing a file.
      const options: Electron.SaveDialogOptions = {
        defaultPath: suggestedName,
        filters: [{ name: format === 'csv' ? 'CSV' : 'JSON', extensions: [format] }],
        properties: ['showOverwriteConfirmation', 'createDirectory']
      }
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
      return r.canceled ? null : (r.filePath ?? null)
    },
    async choosePhotos(kind) {
      // Only main's own dialog names photo files: the page never passes a path for main to read.
      const win = getWindow()
      const w = words()
      const options: Electron.OpenDialogOptions =
        kind === 'folder'
          ? { title: w.photosFolderTitle, properties: ['openDirectory'] }
          : { title: w.photosTitle, properties: ['openFile', 'multiSelections'], filters: [{ name: w.photos, extensions: ['jpg', 'jpeg', 'png', 'bmp', 'webp'] }] }
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return r.canceled ? [] : r.filePaths
    },
    async confirmEndpointChange({ host, url }) {
      // A native dialog of main: the page cannot draw, answer or dismiss it. Cancel is the default and the Esc answer.
      const win = getWindow()
      const w = words()
      const options: Electron.MessageBoxOptions = {
        type: 'warning',
        title: w.endpointTitle,
        message: w.endpointMessage(host),
        detail: w.endpointDetail(url),
        buttons: [w.endpointKeep, w.endpointUse(host)],
        defaultId: 0,
        cancelId: 0,
        noLink: true
      }
      const r = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options)
      return r.response === 1
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
