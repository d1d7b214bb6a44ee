import { app, BrowserWindow, screen, shell, session } from 'electron'
import { join } from 'node:path'

/** Content-Security-Policy of the app's own pages: only its own scripts and styles, images from the media
 * protocol, no remote origins at all. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: aidge-media:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'"
].join('; ')

export interface WindowState {
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

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

/** The one window: sandboxed, context-isolated, no Node in the page, no navigation away, no new windows. */
export function createMainWindow(saved?: WindowState): BrowserWindow {
  const state = onScreen(saved)
  const win = new BrowserWindow({
    width: state?.width ?? 1200,
    height: state?.height ?? 800,
    ...(state?.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: 760,
    minHeight: 480,
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
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event) => event.preventDefault())
  win.webContents.on('will-redirect', (event) => event.preventDefault())

  const devUrl = process.env['ELECTRON_RENDERER_URL']
  if (devUrl && !app.isPackaged) void win.loadURL(devUrl)
  else void win.loadFile(join(__dirname, '../renderer/index.html'))
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

/** Applies the CSP as a response header too (the meta tag covers file:// loads), and refuses every permission. */
export function lockDownSession(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }
    })
  })
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permission === 'notifications'))
}
