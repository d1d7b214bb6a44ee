import { BrowserWindow, screen, shell, session } from 'electron'
import type { WindowState } from './settings'
import { join } from 'node:path'
import { checkExternalLink } from './externalLinks'
import { devicePermissionGranted, permissionGranted } from './permissions'
import { MIN_WINDOW_SIZE } from './windowSize'

/** A saved position is used only while it is still on a connected display (monitors come and go). */
function onScreen(state: WindowState | undefined): WindowState | undefined {
  if (!state || state.x === undefined || state.y === undefined) return state
  const { x, y, width, height } = state
  const visible = screen.getAllDisplays().some((d) => {
    const a = d.workArea
    return x < a.x + a.width && x + width > a.x && y < a.y + a.height && y + height > a.y
  })
  return visible ? state : { width, height, maximized: state.maximized }
}

/**
 * The one window: sandboxed, context-isolated, no Node in the page, no navigation away, no new windows (a link the
 * page tries to open goes to the browser only when the external-link allow-list admits it). It shows `pageUrl`:
 * the app's own scheme, or the dev server in development (index.ts decides). Electron's security checklist
 * (docs/tutorial/security.md) items 2-4, 13-15.
 */
export type { WindowState }

export function createMainWindow(pageUrl: string, saved?: WindowState): BrowserWindow {
  const state = onScreen(saved)
  const win = new BrowserWindow({
    width: state?.width ?? 1200,
    height: state?.height ?? 800,
    ...(state?.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Aidge Task Desk',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false
    }
  })

  win.once('ready-to-show', () => {
    if (state?.maximized) win.maximize()
    win.show()
  })
  win.webContents.setWindowOpenHandler(({ url }) => {
    const link = checkExternalLink(url)
    if (link.ok) void shell.openExternal(link.url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event) => event.preventDefault())
  win.webContents.on('will-redirect', (event) => event.preventDefault())
  void win.loadURL(pageUrl)
  return win
}

/** Calls `save` with the window's size and position after it moves or resizes, and when it closes. */
export function trackWindowState(win: BrowserWindow, save: (s: WindowState) => void): void {
  let timer: ReturnType<typeof setTimeout> | null = null
  const now = (): void => {
    if (win.isDestroyed()) return
    const b = win.getNormalBounds()
    save({ x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() })
  }
  const later = (): void => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(now, 500)
  }
  win.on('resize', later)
  win.on('move', later)
  win.on('close', () => {
    if (timer) clearTimeout(timer)
    now()
  })
}

/**
 * Permissions: Electron grants every one unless the app decides (security checklist item 5). Requests and checks
 * are granted only for notifications from the app's own page; device access (USB, HID, serial) never
 * (docs/api/session.md: setPermissionRequestHandler, setPermissionCheckHandler, setDevicePermissionHandler).
 */
export function lockDownSession(isAppOrigin: (url: string) => boolean): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((wc, permission, callback, details) => {
    callback(permissionGranted(permission, details.requestingUrl || wc.getURL(), isAppOrigin))
  })
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => permissionGranted(permission, requestingOrigin, isAppOrigin))
  ses.setDevicePermissionHandler(() => devicePermissionGranted())
}
