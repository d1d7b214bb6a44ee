import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron'
import { CHANNELS, EVENTS, wireChannel, wireEvent, type EventName, type IpcEvents, type IpcResult } from '../shared/ipc'
import { dispatch, type HandlerTable } from './handlers'

const FORBIDDEN: IpcResult<never> = {
  ok: false,
  error: { kind: 'forbidden', code: 'UNTRUSTED_SENDER', message: 'Request refused: it did not come from the app window.', retryable: false }
}

/** True only for the top frame of the app's own window showing the app's own page. */
export function isTrustedFrame(frame: WebFrameMain | null | undefined, win: BrowserWindow | null, appOrigin: (url: string) => boolean): boolean {
  if (!frame || !win || win.isDestroyed()) return false
  if (frame !== win.webContents.mainFrame) return false
  return appOrigin(frame.url)
}

/** Registers one ipcMain handler per channel of the contract, each through the shared dispatcher. */
export function registerIpc(handlers: HandlerTable, trusted: (frame: WebFrameMain | null | undefined) => boolean, log: (e: unknown) => void): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(wireChannel(channel), async (event, ...args: unknown[]) => {
      if (!trusted(event.senderFrame)) return FORBIDDEN
      return dispatch(handlers, channel, args, log)
    })
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(wireChannel(channel))
  }
}

/** Sends an event to the app's own window only. */
export function pushEvent<E extends EventName>(win: BrowserWindow | null, event: E, payload: IpcEvents[E]): void {
  if (!win || win.isDestroyed() || !EVENTS.includes(event)) return
  win.webContents.send(wireEvent(event), payload)
}
