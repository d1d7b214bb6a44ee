import { app, BrowserWindow } from 'electron'
import { join } from 'node:path'
import { APP_INDEX_URL, isAppOrigin, isAppPageUrl } from './appScheme'
import { takeEnvCredentials } from './credentials'
import { defaultDataDir } from './dataDir'
import { electronPlatform, systemLanguages } from './dialogs'
import { createHandlers } from './handlers'
import { isTrustedFrame, pushEvent, registerIpc } from './ipc'
import { createNotifier } from './notifications'
import { installApplicationMenu } from './menu'
import { nativeWords, type NativeWords } from './nativeWords'
import { handleAppScheme, handleMediaProtocol, registerSchemes } from './protocol'
import { createServices, type Services } from './services'
import { createMainWindow, lockDownSession, trackWindowState } from './window'
import type { MenuCommand } from '../shared/ipc'
import { resolveLanguage } from '../shared/languages'

// Electron entry: lifecycle and wiring only. Everything else is plain Node, composed in services.ts.
// The API secret leaves the environment before any helper process is started with a copy of it.
takeEnvCredentials(process.env)
const dataDir = defaultDataDir()
app.setPath('userData', dataDir)
app.enableSandbox()
// before 'ready', once, with every scheme (docs/api/protocol.md)
registerSchemes()

let services: Services | null = null
let win: BrowserWindow | null = null

/** electron-vite's dev server, only when running unpackaged (`npm run dev`); never in a packaged build. */
const devServer = !app.isPackaged && process.env['ELECTRON_RENDERER_URL'] ? new URL(process.env['ELECTRON_RENDERER_URL']) : null
const PAGE_URL = devServer ? devServer.toString() : APP_INDEX_URL

/** The app's own page: aidge-app://app/index.html, or the dev server in development. */
function isAppUrl(url: string): boolean {
  return devServer ? url.startsWith(devServer.origin + '/') : isAppPageUrl(url)
}

function isOwnOrigin(url: string): boolean {
  return devServer ? url === devServer.origin || url.startsWith(devServer.origin + '/') : isAppOrigin(url)
}

async function start(): Promise<void> {
  lockDownSession(isOwnOrigin)
  handleAppScheme(join(__dirname, '../renderer'))
  // The same environment overrides as the CLI (AIDGE_ENDPOINT, AIDGE_REGION, AIDGE_TRIAL; the key pair is read
  // by the credential store), so the app can be pointed at a simulator or proxy without touching its settings.
  const env = process.env
  const region = env['AIDGE_REGION'] === 'cn' || env['AIDGE_REGION'] === 'global' ? env['AIDGE_REGION'] : undefined
  const s = await createServices({
    dataDir,
    connection: {
      ...(env['AIDGE_ENDPOINT'] ? { endpoint: env['AIDGE_ENDPOINT'] } : {}),
      ...(region ? { region } : {}),
      ...(env['AIDGE_TRIAL'] === '1' || env['AIDGE_TRIAL'] === 'true' ? { trial: true } : {})
    }
  })
  services = s
  const startedAt = Date.now()
  // main's own words (menu, dialogs, notifications) follow the window's language: the setting, else the OS's
  const words = (): NativeWords => nativeWords(resolveLanguage(s.effectiveSettings().language, systemLanguages()))
  const notifier = createNotifier({ enabled: () => s.effectiveSettings().notifications, window: () => win, startedAt, words: () => words().notify })
  registerIpc(
    createHandlers(s, electronPlatform(() => win, app.getVersion(), () => words().dialogs)),
    (frame) => isTrustedFrame(frame, win, isAppUrl),
    (e) => console.error('[ipc]', e)
  )
  handleMediaProtocol((kind, taskId, index) => s.mediaFile(kind, taskId, index))
  // The app's one subscription to the services' events: the window, when one is open, and notifications.
  s.events.forward((event, payload) => {
    pushEvent(win, event, payload)
    notifier.event(event, payload)
  })

  const menuWiring = { window: () => win, send: (command: MenuCommand) => pushEvent(win, 'menu:command', command), words }
  installApplicationMenu(menuWiring)
  let menuLanguage = s.effectiveSettings().language
  s.settings.onChange((next) => {
    if (next.language === menuLanguage) return
    menuLanguage = next.language
    installApplicationMenu(menuWiring)
  })

  const openWindow = (): void => {
    win = createMainWindow(PAGE_URL, s.settings.windowState())
    trackWindowState(win, (state) => s.settings.saveWindowState(state))
    win.on('closed', () => (win = null))
  }
  openWindow()
  // Tracking resumes, batches a quit or crash interrupted carry on (complete files are skipped, partial ones
  // resume; submit batches send the rest, the photo that was on its way becomes unknown), and auto-download runs
  // in main, window or not.
  s.start()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow()
  })
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore()
      win.focus()
    }
  })
  app.whenReady().then(start, (e) => {
    console.error('Aidge Task Desk could not start:', e)
    app.exit(1)
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  // Stop polling and downloads and close the database before exiting, so history stays consistent.
  let closing = false
  app.on('before-quit', (event) => {
    if (closing || !services) return
    event.preventDefault()
    closing = true
    void services.close().finally(() => app.quit())
  })
}
